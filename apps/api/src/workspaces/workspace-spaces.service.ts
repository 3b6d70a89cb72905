import { Injectable, NotFoundException } from '@nestjs/common';
import { ClickUpClient } from '@gw/clickup-client';
import { ClickUpConfig } from '@gw/config';
import type { Principal } from '../auth/principal';
import { askClickUp } from '../connections/clickup-failures';
import { ConnectionCredentialsService } from '../connections/connection-credentials.service';
import { ConnectionsService } from '../connections/connections.service';
import type { SpaceSummaryDto } from './dto/space.dto';

/** The spaces of a connection's workspace, read live from ClickUp, so a server can be pinned to some of them. */
@Injectable()
export class WorkspaceSpacesService {
  constructor(
    private readonly config: ClickUpConfig,
    private readonly connections: ConnectionsService,
    private readonly credentials: ConnectionCredentialsService,
  ) {}

  async list(principal: Principal, connectionId: string, workspaceId: string): Promise<SpaceSummaryDto[]> {
    const connection = await this.connections.findVisible(principal, connectionId);
    if (!connection.workspaces.some((w) => w.id === workspaceId)) {
      throw new NotFoundException('The connection does not reach this workspace');
    }
    const client = new ClickUpClient({
      baseUrl: this.config.apiBaseUrl,
      credential: this.credentials.open(connection),
      timeoutMs: this.config.timeoutMs,
    });
    const [open, archived] = await askClickUp('read-workspace', () =>
      Promise.all([client.spaces.list(workspaceId), client.spaces.list(workspaceId, { archived: true })]),
    );
    const seen = new Set<string>();
    const spaces: SpaceSummaryDto[] = [];
    for (const space of [...open.data, ...archived.data]) {
      if (seen.has(space.id)) continue;
      seen.add(space.id);
      spaces.push({ id: space.id, name: space.name, archived: space.archived === true });
    }
    return spaces;
  }
}
