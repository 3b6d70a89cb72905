import {
  IsOptional,
  IsString,
  Matches,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { EnvVar } from './env-var.decorator';

/** Why a URL cannot address an archive bucket, or null: http(s), path-style, with the bucket as the first segment. */
export function archiveBucketUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL such as https://s3.eu-west-1.amazonaws.com/my-bucket/audit';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
  if (url.username || url.password) {
    return 'must not hold credentials: use AUDIT_ARCHIVE_S3_ACCESS_KEY_ID and AUDIT_ARCHIVE_S3_SECRET_ACCESS_KEY';
  }
  if (url.search || url.hash) return 'must not have a query or fragment';
  const [bucket] = url.pathname.split('/').filter(Boolean);
  if (!bucket)
    return 'must name the bucket as the first path segment (path-style: https://host/bucket[/prefix])';
  return null;
}

@ValidatorConstraint({ name: 'archiveBucketUrl' })
class BucketUrlConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && archiveBucketUrlProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return archiveBucketUrlProblem(String(args.value)) ?? 'must be a bucket URL';
  }
}

@ValidatorConstraint({ name: 'archiveTarget' })
class OneTargetConstraint implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const config = args.object as AuditArchiveConfig;
    return !(config.directory && config.s3Url);
  }

  defaultMessage(): string {
    return 'AUDIT_ARCHIVE_DIR and AUDIT_ARCHIVE_S3_URL are both set: archive to one of them';
  }
}

@ValidatorConstraint({ name: 'archiveCredentials' })
class CredentialsConstraint implements ValidatorConstraintInterface {
  validate(_: unknown, args: ValidationArguments): boolean {
    const config = args.object as AuditArchiveConfig;
    return !config.s3Url || Boolean(config.s3AccessKeyId && config.s3SecretAccessKey);
  }

  defaultMessage(): string {
    return 'AUDIT_ARCHIVE_S3_URL needs AUDIT_ARCHIVE_S3_ACCESS_KEY_ID and AUDIT_ARCHIVE_S3_SECRET_ACCESS_KEY';
  }
}

/** Where audit retention writes the ranges it purges before deleting them: a directory or an S3-compatible bucket. */
export class AuditArchiveConfig {
  @EnvVar({
    name: 'AUDIT_ARCHIVE_DIR',
    description:
      'Absolute directory the worker writes a gzip JSONL archive of every purged audit range to (events, then the checkpoints covering them) before retention deletes them. Unset (and no bucket): purged events are not archived.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\//, { message: 'must be an absolute path' })
  @Validate(OneTargetConstraint)
  directory?: string;

  @EnvVar({
    name: 'AUDIT_ARCHIVE_S3_URL',
    description:
      'S3-compatible bucket for the archives instead of a directory, path-style: `https://s3.eu-west-1.amazonaws.com/bucket/prefix` or `http://minio:9000/bucket`. Requests are signed with AWS Signature V4.',
  })
  @IsOptional()
  @Validate(BucketUrlConstraint)
  @Validate(CredentialsConstraint)
  s3Url?: string;

  @EnvVar({
    name: 'AUDIT_ARCHIVE_S3_REGION',
    description: "The bucket's region, as SigV4 signs it (MinIO accepts `us-east-1`).",
    default: 'us-east-1',
  })
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'must be a region name such as eu-west-1' })
  s3Region = 'us-east-1';

  @EnvVar({ name: 'AUDIT_ARCHIVE_S3_ACCESS_KEY_ID', description: 'Access key id for the archive bucket.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=_-]{3,128}$/, { message: 'must be an access key id' })
  s3AccessKeyId?: string;

  @EnvVar({
    name: 'AUDIT_ARCHIVE_S3_SECRET_ACCESS_KEY',
    description: 'Secret access key for the archive bucket (needs PutObject and GetObject).',
    secret: true,
  })
  @IsOptional()
  @IsString()
  s3SecretAccessKey?: string;

  @EnvVar({
    name: 'AUDIT_ARCHIVE_S3_SESSION_TOKEN',
    description: 'Session token, when the archive credentials are temporary (STS).',
    secret: true,
  })
  @IsOptional()
  @IsString()
  s3SessionToken?: string;
}

/** Whether an archive target is configured at all. */
export function archiveEnabled(config: AuditArchiveConfig): boolean {
  return Boolean(config.directory || config.s3Url);
}
