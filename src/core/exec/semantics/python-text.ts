/** Python's string operations CoRT's parser relies on (shared with the harnesses' result rules). */
export { isPythonSpace, pythonLstrip, pythonSplitlines, pythonStrip } from '../../util/pythonText';
