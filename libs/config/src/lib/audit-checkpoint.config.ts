import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  Max,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { createPrivateKey } from 'node:crypto';
import { EnvVar } from './env-var.decorator';

const between = (min: number, max: number) => ({ message: `must be an integer from ${min} to ${max}` });

/**
 * Why a value cannot sign checkpoints, or null when it is an Ed25519 private key in PEM (PKCS#8). The reason
 * never quotes the value.
 */
export function signingKeyProblem(pem: string): string | null {
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: pem, format: 'pem' }).asymmetricKeyType;
  } catch {
    return 'must be an Ed25519 private key in PEM (PKCS#8, "-----BEGIN PRIVATE KEY-----"): generate one with `openssl genpkey -algorithm ed25519`';
  }
  return type === 'ed25519' ? null : `must be an Ed25519 private key, not ${type ?? 'an unknown'} key`;
}

@ValidatorConstraint({ name: 'ed25519PrivateKey' })
class SigningKeyConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && signingKeyProblem(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return signingKeyProblem(String(args.value)) ?? 'must be an Ed25519 private key';
  }
}

/** Signed checkpoints of the audit chain: the worker signs, verifiers check with the public key. */
export class AuditCheckpointConfig {
  @EnvVar({
    name: 'AUDIT_SIGNING_KEY',
    description:
      'Ed25519 private key (PEM, PKCS#8) the worker signs audit checkpoints with: `openssl genpkey -algorithm ed25519`. Unset: no checkpoints, and the console says so. Give it to the worker only; verifiers need the public key. See docs/audit-integrity.md for rotation.',
    secret: true,
  })
  @IsOptional()
  // A PEM pasted into a one-line .env file arrives with literal \n.
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\\n/g, '\n') : value))
  @Validate(SigningKeyConstraint)
  signingKey?: string;

  @EnvVar({
    name: 'AUDIT_CHECKPOINT_EVERY_EVENTS',
    description:
      'A checkpoint is signed at least every this many events of an organization (the gap is part of the signature, so verifiers report a longer one).',
    default: '1000',
  })
  @Type(() => Number)
  @IsInt(between(1, 1000000))
  @Min(1, between(1, 1000000))
  @Max(1000000, between(1, 1000000))
  everyEvents = 1000;

  @EnvVar({
    name: 'AUDIT_CHECKPOINT_EVERY_MINUTES',
    description:
      'The chain head is signed when this many minutes passed since the last checkpoint and events were written since.',
    default: '10',
  })
  @Type(() => Number)
  @IsInt(between(1, 1440))
  @Min(1, between(1, 1440))
  @Max(1440, between(1, 1440))
  everyMinutes = 10;
}
