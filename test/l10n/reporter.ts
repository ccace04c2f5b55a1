// mocha --reporter for the Japanese and Chinese UI runs: the spec report closing with "l10n: N passed, N failed, N skipped", and
// where the failures' screenshots and logs are.
import { suiteResultsDir } from '../../tools/paths';
import { uiSuiteReporter } from '../e2e/support/uiReporter';

export = uiSuiteReporter('l10n', suiteResultsDir('l10n'));
