// mocha --reporter for the VSIX smoke run: the spec report closing with "vsix: N passed, N failed, N skipped", and
// where the failures' screenshots and logs are.
import { suiteResultsDir } from '../../tools/paths';
import { uiSuiteReporter } from '../e2e/support/uiReporter';

export = uiSuiteReporter('vsix', suiteResultsDir('vsix'));
