// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title BpciParams
/// @notice Registry keys of the BPCI parameters: `keccak256` of the names in `sdk/bpci/core/parameters.ts` (a test
/// checks both lists agree). Units: wei of the token, 18-decimal fixed point, seconds, or basis points (10,000 = 100%).
library BpciParams {
    bytes32 internal constant GEN_MAX_HOLDER_BPS = keccak256("bpci.gen.maxHolderBps"); // bps of supply, 10%
    bytes32 internal constant NEX_YEARLY_CAP = keccak256("bpci.nex.yearlyCap"); // wei per issuance year, 1M NEX
    bytes32 internal constant FLX_REBASE_PERIOD = keccak256("bpci.flx.rebasePeriod"); // s between rebases, 1 day
    bytes32 internal constant FLX_MAX_REBASE_BPS = keccak256("bpci.flx.maxRebaseBps"); // bps per rebase, +-5%
    bytes32 internal constant FLX_DEADBAND_BPS = keccak256("bpci.flx.deadbandBps"); // bps of no-rebase band, 0.5%
    bytes32 internal constant FLX_TARGET_USAGE = keccak256("bpci.flx.targetUsage"); // 1e18 fixed point, 1.0
    bytes32 internal constant FLX_USAGE_HEARTBEAT = keccak256("bpci.flx.usageHeartbeat"); // s, 26 hours
    bytes32 internal constant AUR_MARGIN_BPS = keccak256("bpci.aur.marginBps"); // bps over 100% coverage, 2%
    bytes32 internal constant AUR_RESERVE_HEARTBEAT = keccak256("bpci.aur.reserveHeartbeat"); // s, 1 day
}
