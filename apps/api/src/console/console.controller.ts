import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Public } from '../auth/auth.decorators';
import { CONSOLE_DIST } from './console.config';

/**
 * The web console's content policy: its own scripts only; inline styles because Ant Design writes
 * its CSS-in-JS into <style> tags; API calls to this origin only. Replaces the API's "nothing at all".
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built console (apps/console/dist) under /console: hashed assets cached for a year,
 * every other path answered with index.html so the console's own router takes over. Public: the
 * files hold no data; every API call the console makes carries its bearer token.
 */
@ApiExcludeController()
@Public()
@Controller('console')
export class ConsoleController {
  /** Hashed assets never change: each is compressed once, on first request. */
  private readonly gzipped = new Map<string, Buffer>();

  constructor(@Inject(CONSOLE_DIST) private readonly dist: string) {}

  @Get()
  index(@Res() res: Response) {
    this.sendIndex(res);
  }

  @Get('*path')
  file(@Req() req: Request, @Res() res: Response) {
    const relative = decodeURIComponent(req.path.replace(/^\/console\/?/, ''));
    const file = path.resolve(this.dist, relative);
    const inside = file.startsWith(this.dist + path.sep);
    if (inside && relative && fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.setHeader('Content-Security-Policy', CONSOLE_CSP);
      const hashed = relative.startsWith('assets/');
      if (hashed && /\.(js|css|svg|json)$/.test(file) && req.acceptsEncodings('gzip') === 'gzip') {
        let body = this.gzipped.get(file);
        if (!body) {
          body = gzipSync(fs.readFileSync(file), { level: 9 });
          this.gzipped.set(file, body);
        }
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        res.type(path.extname(file)).send(body);
        return;
      }
      res.sendFile(file, {
        maxAge: hashed ? 365 * 86_400_000 : 0,
        immutable: hashed,
        dotfiles: 'deny',
      });
      return;
    }
    // A missing asset is a 404; any other path is one of the console's own pages.
    if (path.extname(relative)) {
      res.status(404).type('text/plain; charset=utf-8').send('未找到该文件');
      return;
    }
    this.sendIndex(res);
  }

  private sendIndex(res: Response) {
    const index = path.join(this.dist, 'index.html');
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('控制台尚未构建：请运行 npx nx run console:build（npm start 会自动构建）。');
      return;
    }
    res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } });
  }
}
