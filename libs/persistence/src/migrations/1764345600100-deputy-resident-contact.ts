import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The resident's contact a deputy records with an item: encrypted, kept by the API. */
export class DeputyResidentContact1764345600100 implements MigrationInterface {
  name = 'DeputyResidentContact1764345600100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deputy_resident_contact (
        item_id         text PRIMARY KEY,
        name_encrypted  text,
        phone_encrypted text,
        phone_masked    text,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deputy_resident_contact`);
  }
}
