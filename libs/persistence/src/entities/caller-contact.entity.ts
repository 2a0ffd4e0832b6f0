import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The caller's (诉求人) name and phone: stored once, encrypted at rest (AES-256-GCM), never in
 * events, search attributes, memos or logs. `phoneMasked` (138****1234) is safe to show.
 */
@Entity({ name: 'caller_contact' })
export class CallerContactEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ name: 'name_encrypted', type: 'text' })
  nameEncrypted!: string;

  @Column({ name: 'phone_encrypted', type: 'text' })
  phoneEncrypted!: string;

  @Column({ name: 'phone_masked', type: 'text' })
  phoneMasked!: string;

  /** Keyed hash of the phone: finds the same caller's orders without decrypting anything. */
  @Column({ name: 'caller_key', type: 'text' })
  callerKey!: string;

  /** The complaint as said, when intake masked personal data in it; otherwise null. */
  @Column({ name: 'content_encrypted', type: 'text', nullable: true })
  contentEncrypted!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
