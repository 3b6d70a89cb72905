// Validates Kubernetes objects against the official OpenAPI schemas, as shipped by kubernetes-models.
//   node test/deploy/kubernetes-schemas.mjs < objects.json    → [{ kind, name, error }] for each invalid object
// A script of its own because kubernetes-models is ES modules only, which Jest's CommonJS runtime cannot load.
import { readFileSync } from 'node:fs';

const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const object of objects) {
  const { apiVersion, kind } = object;
  const name = object.metadata?.name;
  // "v1" is the core group; "apps/v1", "networking.k8s.io/v1"… are folders of the package.
  const modulePath = `kubernetes-models/${apiVersion}/${kind}`;
  let Model;
  try {
    Model = (await import(modulePath))[kind];
  } catch {
    problems.push({ kind, name, error: `no schema for ${apiVersion} ${kind}` });
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push({ kind, name, error: error.message });
  }
}
process.stdout.write(JSON.stringify(problems));
