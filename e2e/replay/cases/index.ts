import type { ReplayCase } from '../timeline';
import { CONSTRUCTED_NOT_ADOPTED } from './constructed-not-adopted';
import { DS26 } from './ds26-ec-hormones';
import { DS267 } from './ds267-us-upland-cotton';
import { DS291 } from './ds291-ec-biotech';
import { DS356 } from './ds356-chile-milk-safeguards';
import { DS381 } from './ds381-us-tuna-ii-mexico';
import { DS384 } from './ds384-us-cool-canada';
import { DS396 } from './ds396-philippines-distilled-spirits-eu';
import { DS403 } from './ds403-philippines-distilled-spirits-us';
import { DS433 } from './ds433-china-rare-earths-japan';
import { DS434 } from './ds434-australia-plain-packaging-ukraine';
import { DS536 } from './ds536-us-fish-fillets-viet-nam';
import { DS610 } from './ds610-china-trade-in-goods-lithuania';

/** Every replay case: twelve real disputes, then the constructed one. */
export const REPLAY_CASES: readonly ReplayCase[] = [
  DS26,
  DS267,
  DS291,
  DS356,
  DS381,
  DS384,
  DS396,
  DS403,
  DS433,
  DS434,
  DS536,
  DS610,
  CONSTRUCTED_NOT_ADOPTED,
];
