import { Injectable } from '@nestjs/common';
import { type ClickUpCredential, tokenFingerprint } from '@gw/clickup-client';
import type { ClickUpConnectionEntity, ConnectionType } from '@gw/db';
import { connectionCredentialAad, SecretBox } from '@gw/security';

export interface SealedCredential {
  credentialCiphertext: string;
  credentialKeyId: string;
  credentialFingerprint: string;
}

/**
 * ClickUp tokens at rest: AES-256-GCM bound to the connection id, with the id of the key that sealed them.
 * Only this class sees a token in clear, and only to hand it to the ClickUp client.
 */
@Injectable()
export class ConnectionCredentialsService {
  constructor(private readonly box: SecretBox) {}

  seal(connectionId: string, token: string): SealedCredential {
    const sealed = this.box.seal(token, connectionCredentialAad(connectionId));
    return {
      credentialCiphertext: sealed.ciphertext,
      credentialKeyId: sealed.keyId,
      credentialFingerprint: tokenFingerprint(token),
    };
  }

  open(
    connection: Pick<ClickUpConnectionEntity, 'id' | 'type' | 'credentialCiphertext' | 'credentialKeyId'>,
  ): ClickUpCredential {
    const token = this.box.open(
      { ciphertext: connection.credentialCiphertext, keyId: connection.credentialKeyId },
      connectionCredentialAad(connection.id),
    );
    return { kind: kindOf(connection.type), token };
  }

  /** True when the row was sealed with an older key and should be re-sealed with the current one. */
  needsResealing(connection: Pick<ClickUpConnectionEntity, 'credentialKeyId'>): boolean {
    return connection.credentialKeyId !== this.box.currentKeyId;
  }
}

const kindOf = (type: ConnectionType): ClickUpCredential['kind'] => (type === 'oauth' ? 'oauth' : 'personal');
