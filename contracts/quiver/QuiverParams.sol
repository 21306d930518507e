// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title QuiverParams
/// @notice Registry keys of the QUIVer parameters, module by module (staking, emission, pricing, market, dispute,
/// channels): `keccak256` of the names in `sdk/quiver/core/parameters.ts`, in the same order (a test checks both
/// lists agree). Units: wei of QUIV, seconds, or basis points (10,000 = 100%).
library QuiverParams {
    bytes32 internal constant STAKING_TIER1_MIN = keccak256("quiver.staking.tier1Min"); // wei, 1,000 QUIV
    bytes32 internal constant STAKING_TIER2_MIN = keccak256("quiver.staking.tier2Min"); // wei, 10,000 QUIV
    bytes32 internal constant STAKING_TIER3_MIN = keccak256("quiver.staking.tier3Min"); // wei, 50,000 QUIV
    bytes32 internal constant STAKING_TIER4_MIN = keccak256("quiver.staking.tier4Min"); // wei, 250,000 QUIV
    bytes32 internal constant STAKING_UNBONDING_PERIOD = keccak256("quiver.staking.unbondingPeriod"); // s, 14 days
    bytes32 internal constant STAKING_MAX_SLASH_BPS = keccak256("quiver.staking.maxSlashBps"); // bps, 50%
    bytes32 internal constant STAKING_APPEAL_WINDOW = keccak256("quiver.staking.appealWindow"); // s, 3 days
    bytes32 internal constant STAKING_TIER_DEMOTION_BPS = keccak256("quiver.staking.tierDemotionBps"); // bps, 90%
    bytes32 internal constant STAKING_MIN_DELEGATION = keccak256("quiver.staking.minDelegation"); // wei, 1 QUIV
    bytes32 internal constant STAKING_MAX_COMMISSION_BPS = keccak256("quiver.staking.maxCommissionBps"); // bps, 30%
    bytes32 internal constant STAKING_COMMISSION_DELAY = keccak256("quiver.staking.commissionDelay"); // s, 7 days
    bytes32 internal constant STAKING_SLASH_CHALLENGER_BPS = keccak256("quiver.staking.slashChallengerBps"); // 25%
    bytes32 internal constant STAKING_SLASH_INSURANCE_BPS = keccak256("quiver.staking.slashInsuranceBps"); // 25%
    bytes32 internal constant STAKING_APPEAL_TIMEOUT = keccak256("quiver.staking.appealTimeout"); // s, 21 days

    bytes32 internal constant EMISSION_HALVING_INTERVAL = keccak256("quiver.emission.halvingInterval"); // s, 4 y
    bytes32 internal constant EMISSION_MAX_INFLATION_BPS = keccak256("quiver.emission.maxInflationBps"); // bps, 20%/y
    bytes32 internal constant EMISSION_STAKING_BPS = keccak256("quiver.emission.stakingBps"); // bps, 60%
    bytes32 internal constant EMISSION_TREASURY_BPS = keccak256("quiver.emission.treasuryBps"); // bps, 20%
    bytes32 internal constant EMISSION_GROWTH_HEARTBEAT = keccak256("quiver.emission.growthHeartbeat"); // s, 2 days
    bytes32 internal constant EMISSION_GROWTH_MIN_BPS = keccak256("quiver.emission.growthMinBps"); // bps, > 0
    bytes32 internal constant EMISSION_GROWTH_MAX_BPS = keccak256("quiver.emission.growthMaxBps"); // bps, < 5.0

    bytes32 internal constant PRICING_CONGESTION_HIGH_BPS = keccak256("quiver.pricing.congestionHighBps"); // 80%
    bytes32 internal constant PRICING_CONGESTION_LOW_BPS = keccak256("quiver.pricing.congestionLowBps"); // 30%
    bytes32 internal constant PRICING_FEE_RAISE_BPS = keccak256("quiver.pricing.feeRaiseBps"); // bps, +10%
    bytes32 internal constant PRICING_FEE_CUT_BPS = keccak256("quiver.pricing.feeCutBps"); // bps, -5%
    bytes32 internal constant PRICING_MIN_FEE_BPS = keccak256("quiver.pricing.minFeeBps"); // bps, 0.5%
    bytes32 internal constant PRICING_MAX_FEE_BPS = keccak256("quiver.pricing.maxFeeBps"); // bps, 10%
    bytes32 internal constant PRICING_EMA_ALPHA_BPS = keccak256("quiver.pricing.emaAlphaBps"); // bps, 20%
    bytes32 internal constant PRICING_MAX_STEP_BPS = keccak256("quiver.pricing.maxStepBps"); // bps, 12.5%
    bytes32 internal constant PRICING_UPDATE_INTERVAL = keccak256("quiver.pricing.updateInterval"); // s, 1 hour

    bytes32 internal constant MARKET_TREASURY_FEE_BPS = keccak256("quiver.market.treasuryFeeBps"); // bps, 2%
    bytes32 internal constant MARKET_BURN_BPS = keccak256("quiver.market.burnBps"); // bps, 1%
    bytes32 internal constant MARKET_REVIEW_WINDOW = keccak256("quiver.market.reviewWindow"); // s, 1 day
    bytes32 internal constant MARKET_REVEAL_WINDOW = keccak256("quiver.market.revealWindow"); // s, 1 hour
    bytes32 internal constant MARKET_MIN_PRICE = keccak256("quiver.market.minPrice"); // wei, 0.01 QUIV
    bytes32 internal constant MARKET_PRICE_CEILING_BPS = keccak256("quiver.market.priceCeilingBps"); // bps, 0 = off

    bytes32 internal constant DISPUTE_WINDOW = keccak256("quiver.dispute.window"); // s, 1 day
    bytes32 internal constant DISPUTE_BOND = keccak256("quiver.dispute.bond"); // wei, 100 QUIV
    bytes32 internal constant DISPUTE_COMMIT_WINDOW = keccak256("quiver.dispute.commitWindow"); // s, 1 day
    bytes32 internal constant DISPUTE_REVEAL_WINDOW = keccak256("quiver.dispute.revealWindow"); // s, 1 day
    bytes32 internal constant DISPUTE_QUORUM_BPS = keccak256("quiver.dispute.quorumBps"); // bps of validators, 50%
    bytes32 internal constant DISPUTE_MAJORITY_BPS = keccak256("quiver.dispute.majorityBps"); // bps of votes, 50%
    bytes32 internal constant DISPUTE_SLASH_BPS = keccak256("quiver.dispute.slashBps"); // bps of snapshot, 10%
    bytes32 internal constant DISPUTE_REJECT_BURN_BPS = keccak256("quiver.dispute.rejectBurnBps"); // bps of bond, 50%
    bytes32 internal constant DISPUTE_REJECT_VOTER_BPS = keccak256("quiver.dispute.rejectVoterBps"); // bps of bond
    bytes32 internal constant DISPUTE_UPHELD_VOTER_REWARD = keccak256("quiver.dispute.upheldVoterReward"); // wei
    bytes32 internal constant DISPUTE_NON_REVEAL_PENALTY_BPS = keccak256("quiver.dispute.nonRevealPenaltyBps"); // 1%
    bytes32 internal constant DISPUTE_APPEAL_WINDOW = keccak256("quiver.dispute.appealWindow"); // s, 2 days
    bytes32 internal constant DISPUTE_APPEAL_TIMEOUT = keccak256("quiver.dispute.appealTimeout"); // s, 21 days
    bytes32 internal constant DISPUTE_VALIDATOR_MIN_STAKE = keccak256("quiver.dispute.validatorMinStake"); // 10k QUIV
    bytes32 internal constant DISPUTE_VALIDATOR_UNBONDING = keccak256("quiver.dispute.validatorUnbonding"); // 7 days
    bytes32 internal constant DISPUTE_APPEAL_BOND = keccak256("quiver.dispute.appealBond"); // wei, 200 QUIV
    bytes32 internal constant DISPUTE_COMMITTEE_SIZE = keccak256("quiver.dispute.committeeSize"); // validators, 5

    bytes32 internal constant CHANNELS_SETTLE_WINDOW = keccak256("quiver.channels.settleWindow"); // s, 1 day
    bytes32 internal constant CHANNELS_SIGNER_REVOKE_DELAY = keccak256("quiver.channels.signerRevokeDelay"); // s, 1 d
    bytes32 internal constant CHANNELS_MIN_DEPOSIT = keccak256("quiver.channels.minDeposit"); // wei, 1 QUIV
    bytes32 internal constant CHANNELS_MAX_DURATION = keccak256("quiver.channels.maxDuration"); // s, 90 days
}
