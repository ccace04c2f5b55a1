// mocha --reporter for the e2e run: the spec report closing with "e2e: N passed, N failed, N skipped", and where the
// failures' screenshots and logs are.
import { e2eResultsDir } from './steps';
import { uiSuiteReporter } from './uiReporter';

export = uiSuiteReporter('e2e', e2eResultsDir);
