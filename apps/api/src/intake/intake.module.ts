import { Module } from '@nestjs/common';
import { intakeModel } from '../orders/intake-screening';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

// Validate the gazetteer, lexicon and patterns and train the n-gram model when the API loads: a
// data error stops the start, and the first call is not the one that waits.
intakeModel();

/** Intake judgment for the operator's console (POST /orders/screening). Infrastructure is global. */
@Module({ controllers: [IntakeController], providers: [IntakeService] })
export class IntakeModule {}
