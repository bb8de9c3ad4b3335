/** Hyper-parameters of the built-in model, shared by the training and learning-curve scripts. */
export const TRAIN_OPTIONS = {
  bits: 18,
  signalCorrections: false,
  epochs: 4,
  learningRate: 0.05,
  l2: 1e-5,
  seed: 20261122,
};
