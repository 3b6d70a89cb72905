import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { ClickUpConnectionEntity, PauseEntity, TeamEntity, type PauseQueued } from '@gw/db';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { isUniqueViolation } from '../common/database/unique-violation';
import { ActivePauses } from './active-pauses.service';
import type { CreatePauseDto } from './dto/create-pause.dto';
import type { ListPausesQueryDto } from './dto/list-pauses.query.dto';
import type { PauseDto, PauseListDto } from './dto/pause.dto';
import type { ResumePauseDto } from './dto/resume-pause.dto';
import { HeldCalls } from './held-calls.service';
import { PAUSE_VIEW, toPauseDto, type PauseViewRow } from './pause.mapper';

const SCOPE_NOUN = { organization: 'The organization', team: 'The team', connection: 'The connection' };

/**
 * The kill switch's REST side. A pause is one row per scope in force (a second pause of the same scope is refused
 * with 409, naming the one in force); it applies in this process before the answer, and in the others within a
 * poll. Lifting it either runs the calls it held or discards them.
 */
@Injectable()
export class PausesService {
  private readonly logger = new Logger(PausesService.name);

  constructor(
    @InjectRepository(PauseEntity) private readonly pauses: Repository<PauseEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(ClickUpConnectionEntity)
    private readonly connections: Repository<ClickUpConnectionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly active: ActivePauses,
    private readonly held: HeldCalls,
  ) {}

  async list(principal: Principal, query: ListPausesQueryDto): Promise<PauseListDto> {
    const rows = await this.view(principal.organizationId, {
      activeOnly: query.active === true,
      limit: query.limit ?? 50,
    });
    return { items: rows.map(toPauseDto) };
  }

  async create(principal: Principal, body: CreatePauseDto): Promise<PauseDto> {
    const targetId = await this.targetOf(principal.organizationId, body);
    const id = randomUUID();
    try {
      await this.pauses.insert({
        id,
        organizationId: principal.organizationId,
        scope: body.scope,
        targetId,
        reason: body.reason,
        createdByUserId: principal.userId,
        queued: 'held',
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [existing] = await this.view(principal.organizationId, { activeOnly: true, targetId });
      throw new ConflictException(
        `${SCOPE_NOUN[body.scope]} is already paused (pause ${existing?.id ?? 'unknown'}, since ` +
          `${existing ? new Date(existing.created_at).toISOString() : 'earlier'}); resume that pause to change its reason.`,
      );
    }
    await this.active.refresh();
    return this.get(principal.organizationId, id);
  }

  /**
   * Lifts a pause. With `queued: discard`, the scope's pending calls are cancelled first, while the pause still
   * holds them (the row is marked `discarded` so a concurrent plain resume is refused meanwhile); then the resume
   * is committed and the held calls left (those already part done, or `resume`) are sent to run at once.
   */
  async resume(principal: Principal, id: string, body: ResumePauseDto): Promise<PauseDto> {
    const organizationId = principal.organizationId;
    const pause = await this.pauses.findOneBy({ id, organizationId });
    if (!pause) throw new NotFoundException('No such pause');
    if (pause.resumedAt) throw this.conflict(pause);
    const queued: PauseQueued = body.queued === 'discard' ? 'discarded' : 'resumed';
    if (queued === 'discarded') {
      // A discard cut short (the queue unreachable) leaves the row `discarded` and in force: it can be repeated.
      const claimed = await this.pauses.update(
        { id, organizationId, resumedAt: IsNull() },
        { queued: 'discarded' },
      );
      if (!claimed.affected) throw this.conflict(await this.pauses.findOneByOrFail({ id }));
      await this.reachQueue(() => this.held.discard(pause));
    }
    const { affected } = await this.pauses.update(
      { id, organizationId, resumedAt: IsNull(), queued: queued === 'discarded' ? 'discarded' : 'held' },
      {
        resumedAt: () => 'now()',
        resumedByUserId: principal.userId,
        resumeReason: body.reason,
        queued,
      },
    );
    if (!affected) throw this.conflict(await this.pauses.findOneByOrFail({ id }));
    await this.active.refresh();
    // Held calls wait at most a recheck interval in the worker if this fails; the resume itself stands.
    await this.held
      .resume(pause)
      .catch((error: Error) =>
        this.logger.warn(`could not promote the calls held by pause ${id}: ${error.message}`),
      );
    return this.get(organizationId, id);
  }

  /** Why a pause cannot be resumed now: it was, or another resume discarding its calls is under way. */
  private conflict(pause: PauseEntity): ConflictException {
    return new ConflictException(
      pause.resumedAt
        ? `This pause was resumed at ${pause.resumedAt.toISOString()}.`
        : 'This pause is being resumed with its queued calls discarded; repeat that, or wait for it to finish.',
    );
  }

  /** The id a pause of this scope names: the organization's own, or a team or connection of it (404 otherwise). */
  private async targetOf(organizationId: string, body: CreatePauseDto): Promise<string> {
    switch (body.scope) {
      case 'organization':
        if (body.id !== undefined && body.id !== organizationId)
          throw new NotFoundException('No such organization: omit id to pause your own');
        return organizationId;
      case 'team': {
        const team = body.id ? await this.teams.findOneBy({ id: body.id, organizationId }) : null;
        if (!team) throw new NotFoundException('No such team');
        return team.id;
      }
      case 'connection': {
        const connection = body.id
          ? await this.connections.findOneBy({ id: body.id, organizationId, deletedAt: IsNull() })
          : null;
        if (!connection) throw new NotFoundException('No such connection');
        return connection.id;
      }
    }
  }

  private async get(organizationId: string, id: string): Promise<PauseDto> {
    const [row] = await this.view(organizationId, { id });
    if (!row) throw new NotFoundException('No such pause');
    return toPauseDto(row);
  }

  private view(
    organizationId: string,
    filter: { id?: string; targetId?: string; activeOnly?: boolean; limit?: number },
  ): Promise<PauseViewRow[]> {
    const params: unknown[] = [organizationId];
    const where = ['p.organization_id = $1'];
    if (filter.id) where.push(`p.id = $${params.push(filter.id)}`);
    if (filter.targetId) where.push(`p.target_id = $${params.push(filter.targetId)}`);
    if (filter.activeOnly) where.push('p.resumed_at IS NULL');
    const limit = `LIMIT $${params.push(filter.limit ?? 1)}`;
    return this.dataSource.query(
      `${PAUSE_VIEW} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id ${limit}`,
      params,
    );
  }

  private async reachQueue<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw new ServiceUnavailableException(
        `The queue store is unreachable, so the held calls could not be discarded; the pause stays in force. ` +
          `Repeat the resume once it answers: ${(error as Error).message}`,
      );
    }
  }
}
