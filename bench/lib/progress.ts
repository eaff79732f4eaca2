// The progress lines live with the shared data set generator (apps/api/src/demo/dataset), which
// the benchmark and the demo both use; the bench's other tools take them from here.
export { Progress, note } from '../../apps/api/src/demo/dataset/progress';
