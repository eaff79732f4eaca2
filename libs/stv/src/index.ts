// The public surface of @app/stv: the count and the BLT format. Nothing else of the lib is
// imported from outside it (libs/stv/README.md).
export { count } from './count';
export { CountInputError } from './types';
export type {
  BallotInput,
  CountInput,
  CountResult,
  CountStage,
  CountingRules,
  LotDraw,
  StageAction,
  StageTransfers,
  TieBreak,
  TransferParcel,
  TransferTarget,
} from './types';
export { drawLots } from './tiebreak';
export { formatFixed, parseFixed } from './fixed';
export { BltExportError, BltParseError, parseBlt, toBlt } from './blt';
export type { BltBallot, BltElection, BltExportInput } from './blt';
