// mocha --reporter for the VSIX smoke run: the spec report closing with "vsix: N passed, N failed, N skipped".
import { specReporterWithSummary } from '../runner/summaryReporter';

export = specReporterWithSummary('vsix');
