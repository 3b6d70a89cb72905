import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListSecurityEventsQueryDto } from './dto/list-security-events.query.dto';
import type { SecurityEventDto, SecurityEventPageDto } from './dto/security-event.dto';

interface Row {
  minute: Date;
  ip: string;
  reason: string;
  count: number;
}

/** Pages of security events, newest minute first, keyed by (minute, reason, ip) so pages never overlap. */
@Injectable()
export class SecurityEventsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: ListSecurityEventsQueryDto): Promise<SecurityEventPageDto> {
    const limit = query.limit ?? 100;
    const params: unknown[] = [];
    const conditions: string[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      conditions.push(placeholders.reduce((text, p) => text.replace('?', p), sql));
    };
    if (query.from) add('minute >= ?', new Date(query.from));
    if (query.to) add('minute < ?', new Date(query.to));
    if (query.reason) add('reason = ?', query.reason);
    if (query.ip) add('ip = ?', query.ip);
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      add(
        '(minute < ? OR (minute = ? AND (reason, ip) > (?, ?)))',
        after.minute,
        after.minute,
        after.reason,
        after.ip,
      );
    }
    params.push(limit + 1);
    const rows: Row[] = await this.dataSource.query(
      `SELECT minute, ip, reason, count FROM security_events
       ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY minute DESC, reason ASC, ip ASC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(toDto);
    const last = items[items.length - 1];
    return { items, next_cursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}

function toDto(row: Row): SecurityEventDto {
  return {
    minute: new Date(row.minute).toISOString(),
    ip: row.ip,
    reason: row.reason,
    count: Number(row.count),
  };
}

function encodeCursor(item: SecurityEventDto): string {
  return Buffer.from(JSON.stringify([item.minute, item.reason, item.ip])).toString('base64url');
}

function decodeCursor(cursor: string): { minute: Date; reason: string; ip: string } {
  try {
    const [minute, reason, ip] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const at = new Date(String(minute));
    if (Number.isNaN(at.getTime()) || typeof reason !== 'string' || typeof ip !== 'string') throw new Error();
    return { minute: at, reason, ip };
  } catch {
    throw new BadRequestException('cursor must be a next_cursor from a previous page');
  }
}
