/**
 * `economy-kit/quiver` agents layer: the provider and validator agents and the consumer's voucher stream.
 */
export { ProviderAgent, errorFields } from "./provider";
export type { ProviderAgentOptions, ProviderTick, JobResult } from "./provider";
export { ValidatorAgent } from "./validator";
export type { ValidatorAgentOptions, ValidatorTick } from "./validator";
export { VoucherStream } from "./stream";
export { submissionVerifier, disputeUpheld, submissionEvent } from "./verifier";
export type { JobVerifier, Verdict, VerifyContext, SubmissionVerifierOptions } from "./verifier";
