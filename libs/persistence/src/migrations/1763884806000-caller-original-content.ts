import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The complaint as the caller said it, when intake had to mask personal data in it (a phone or
 * ID number): encrypted like the name and phone, shown only to those who may see the caller.
 */
export class CallerOriginalContent1763884806000 implements MigrationInterface {
  name = 'CallerOriginalContent1763884806000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE caller_contact ADD COLUMN content_encrypted text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE caller_contact DROP COLUMN content_encrypted`);
  }
}
