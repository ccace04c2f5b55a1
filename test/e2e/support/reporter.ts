// mocha --reporter for the e2e run: the spec report closing with "e2e: N passed, N failed, N skipped".
import { specReporterWithSummary } from '../../runner/summaryReporter';

export = specReporterWithSummary('e2e');
