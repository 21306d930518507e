// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ParamKeys
/// @notice Registry keys of the QUIVer parameters: `keccak256` of the names in `sdk/core/parameters.ts`
/// (a test checks both lists agree). Units: wei of QUIV, seconds, or basis points (10,000 = 100%).
library ParamKeys {
    bytes32 internal constant STAKING_TIER1_MIN = keccak256("quiver.staking.tier1Min"); // wei, 1,000 QUIV
    bytes32 internal constant STAKING_TIER2_MIN = keccak256("quiver.staking.tier2Min"); // wei, 10,000 QUIV
    bytes32 internal constant STAKING_TIER3_MIN = keccak256("quiver.staking.tier3Min"); // wei, 50,000 QUIV
    bytes32 internal constant STAKING_TIER4_MIN = keccak256("quiver.staking.tier4Min"); // wei, 250,000 QUIV
    bytes32 internal constant STAKING_UNBONDING_PERIOD = keccak256("quiver.staking.unbondingPeriod"); // s, 14 days
    bytes32 internal constant STAKING_MAX_SLASH_BPS = keccak256("quiver.staking.maxSlashBps"); // bps, 50%
    bytes32 internal constant STAKING_APPEAL_WINDOW = keccak256("quiver.staking.appealWindow"); // s, 3 days
    bytes32 internal constant EMISSION_HALVING_INTERVAL = keccak256("quiver.emission.halvingInterval"); // s, 4 y
    bytes32 internal constant PRICING_CONGESTION_HIGH_BPS = keccak256("quiver.pricing.congestionHighBps"); // 80%
    bytes32 internal constant PRICING_CONGESTION_LOW_BPS = keccak256("quiver.pricing.congestionLowBps"); // 30%
    bytes32 internal constant PRICING_FEE_RAISE_BPS = keccak256("quiver.pricing.feeRaiseBps"); // bps, +10%
    bytes32 internal constant PRICING_FEE_CUT_BPS = keccak256("quiver.pricing.feeCutBps"); // bps, -5%
    bytes32 internal constant CHANNELS_SETTLE_WINDOW = keccak256("quiver.channels.settleWindow"); // s, 1 day
    bytes32 internal constant CHANNELS_SIGNER_REVOKE_DELAY = keccak256("quiver.channels.signerRevokeDelay"); // s, 1 d
    bytes32 internal constant CHANNELS_MIN_DEPOSIT = keccak256("quiver.channels.minDeposit"); // wei, 1 QUIV
    bytes32 internal constant CHANNELS_MAX_DURATION = keccak256("quiver.channels.maxDuration"); // s, 90 days
    bytes32 internal constant PRICING_MIN_FEE_BPS = keccak256("quiver.pricing.minFeeBps"); // bps, 0.5%
    bytes32 internal constant PRICING_MAX_FEE_BPS = keccak256("quiver.pricing.maxFeeBps"); // bps, 10%
    bytes32 internal constant PRICING_EMA_ALPHA_BPS = keccak256("quiver.pricing.emaAlphaBps"); // bps, 20%
    bytes32 internal constant PRICING_MAX_STEP_BPS = keccak256("quiver.pricing.maxStepBps"); // bps, 12.5%
    bytes32 internal constant PRICING_UPDATE_INTERVAL = keccak256("quiver.pricing.updateInterval"); // s, 1 hour
}
