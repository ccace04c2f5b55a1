// mocha --reporter for the Japanese UI run: the spec report closing with "l10n: N passed, N failed, N skipped".
import { specReporterWithSummary } from '../runner/summaryReporter';

export = specReporterWithSummary('l10n');
