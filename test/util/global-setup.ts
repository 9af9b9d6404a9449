import { setup } from './temp-root';

export default setup;
