import {
  ConflictException,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Principal } from '../auth/principal';
import type { ListRetryJobsQueryDto } from './dto/list-retry-jobs.query.dto';
import type { RetryJobDto, RetryJobListDto } from './dto/retry-job.dto';
import { toRetryJobDto } from './retry-job.mapper';
import { RetryQueue } from './retry-queue.service';

/** The REST side of the retry queue: an organization's jobs only; another's answer like missing ones. */
@Injectable()
export class RetryJobsService {
  constructor(private readonly queue: RetryQueue) {}

  async list(principal: Principal, query: ListRetryJobsQueryDto): Promise<RetryJobListDto> {
    const jobs = await this.reach(() =>
      this.queue.list(principal.organizationId, query.state, query.limit ?? 50),
    );
    return { items: jobs.map(({ job, view }) => toRetryJobDto(job, view)) };
  }

  async get(principal: Principal, id: string): Promise<RetryJobDto> {
    const { job, view } = await this.find(principal, id);
    return toRetryJobDto(job, view);
  }

  async retry(principal: Principal, id: string): Promise<RetryJobDto> {
    const { job, view } = await this.find(principal, id);
    if (view.state !== 'failed' && view.state !== 'delayed') {
      throw new ConflictException(`A ${view.state} job cannot be retried; only failed and delayed ones can.`);
    }
    await this.reach(() => this.queue.retry(job, view.state));
    return this.get(principal, id);
  }

  async discard(principal: Principal, id: string): Promise<void> {
    const { job, view } = await this.find(principal, id);
    if (view.state === 'active')
      throw new ConflictException('The job is running; discard it once its attempt ends.');
    await this.reach(() => this.queue.discard(job));
  }

  private async find(principal: Principal, id: string) {
    const found = await this.reach(() => this.queue.get(id));
    if (!found || found.job.data.organization_id !== principal.organizationId) {
      throw new NotFoundException('No such retry job');
    }
    return found;
  }

  private async reach<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ConflictException || error instanceof NotFoundException) throw error;
      throw new ServiceUnavailableException(`The queue store is unreachable: ${(error as Error).message}`);
    }
  }
}
