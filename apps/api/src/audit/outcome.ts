// The MCP routes' import until they move to the pipeline's audit stage, which imports the recorder directly.
export { outcomeOf } from '@gw/audit-recorder';
