import { Module } from '@nestjs/common';
import { ActOnWhistle } from './use-cases/act-on-whistle/act-on-whistle.use-case';
import { BlowWhistle } from './use-cases/blow-whistle/blow-whistle.use-case';
import { GetWhistle } from './use-cases/get-whistle/get-whistle.use-case';
import { WhistleReader } from './whistle-reader';
import { WhistlesController } from './whistles.controller';

/** Whistles (街乡吹哨、部门报到): blow, read and act, one use case per file, like orders. */
@Module({
  controllers: [WhistlesController],
  providers: [WhistleReader, BlowWhistle, GetWhistle, ActOnWhistle],
})
export class WhistlesModule {}
