import { NestFactory } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppModule } from './app.module';
import { openApiDocument } from './bootstrap';
import { settingsFromEnv } from './infrastructure/settings';

/** The committed spec: clients and reviewers read it; a test keeps it equal to what the code says. */
export const SPEC_FILE = path.resolve(__dirname, '../openapi.json');

/** Builds the document from the code alone: no database or Temporal connection is opened. */
export async function generateSpec(): Promise<string> {
  const app = await NestFactory.create(
    AppModule.forRoot(settingsFromEnv({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }), {
      offline: true,
    }),
    { logger: false },
  );
  try {
    return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

export function committedSpec(): string {
  return readFileSync(SPEC_FILE, 'utf8');
}

if (require.main === module) {
  generateSpec()
    .then((spec) => {
      writeFileSync(SPEC_FILE, spec);
      console.log(`Wrote ${path.relative(process.cwd(), SPEC_FILE)}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
