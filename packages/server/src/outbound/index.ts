export {
  safeFetch,
  type SafeFetchOptions,
  type FetchedResponse,
  type Resolver,
  type ResolvedAddress,
} from './safe-fetch.ts';
export { OutboundError, type OutboundErrorCode } from './errors.ts';
export { blockedReason, type BlockReason } from './address-policy.ts';
export { outboundOptions } from './settings.ts';
