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
    bytes32 internal constant STAKING_TIER_DEMOTION_BPS = keccak256("quiver.staking.tierDemotionBps"); // bps, 90%
    bytes32 internal constant STAKING_MIN_DELEGATION = keccak256("quiver.staking.minDelegation"); // wei, 1 QUIV
    bytes32 internal constant STAKING_MAX_COMMISSION_BPS = keccak256("quiver.staking.maxCommissionBps"); // bps, 30%
    bytes32 internal constant STAKING_COMMISSION_DELAY = keccak256("quiver.staking.commissionDelay"); // s, 7 days
    bytes32 internal constant STAKING_SLASH_CHALLENGER_BPS = keccak256("quiver.staking.slashChallengerBps"); // 25%
    bytes32 internal constant STAKING_SLASH_INSURANCE_BPS = keccak256("quiver.staking.slashInsuranceBps"); // 25%
    bytes32 internal constant EMISSION_MAX_INFLATION_BPS = keccak256("quiver.emission.maxInflationBps"); // bps, 20%/y
    bytes32 internal constant EMISSION_STAKING_BPS = keccak256("quiver.emission.stakingBps"); // bps, 60%
    bytes32 internal constant EMISSION_TREASURY_BPS = keccak256("quiver.emission.treasuryBps"); // bps, 20%
}
