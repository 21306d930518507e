// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title CaesarParams
/// @notice Registry keys of the CAESAR parameters: `keccak256` of the names in `sdk/caesar/core/parameters.ts` (a
/// test checks both lists agree). Units: wei, seconds, counts, or basis points (10,000 = 100% or 1.0).
library CaesarParams {
    bytes32 internal constant TOKEN_DEMURRAGE_BPS = keccak256("caesar.token.demurrageBps"); // bps per 30 days, 1%
    bytes32 internal constant FEES_BASE_BPS = keccak256("caesar.fees.baseBps"); // bps of the amount, 0.1%
    bytes32 internal constant FEES_MIN_FEE = keccak256("caesar.fees.minFee"); // wei, 0.001 CAESAR
    bytes32 internal constant FEES_MAX_BPS = keccak256("caesar.fees.maxBps"); // bps of the amount, 3%
    bytes32 internal constant FEES_LIQUIDITY_MIN_BPS = keccak256("caesar.fees.liquidityMinBps"); // 0.5
    bytes32 internal constant FEES_LIQUIDITY_MAX_BPS = keccak256("caesar.fees.liquidityMaxBps"); // 2.0
    bytes32 internal constant FEES_VOLATILITY_MIN_BPS = keccak256("caesar.fees.volatilityMinBps"); // 0.8
    bytes32 internal constant FEES_VOLATILITY_MAX_BPS = keccak256("caesar.fees.volatilityMaxBps"); // 1.5
    bytes32 internal constant FEES_STABILITY_THRESHOLD_BPS = keccak256("caesar.fees.stabilityThresholdBps"); // 5%
    bytes32 internal constant FEES_STABILITY_MULTIPLIER_BPS = keccak256("caesar.fees.stabilityMultiplierBps"); // 1.5
    bytes32 internal constant FEES_FEED_HEARTBEAT = keccak256("caesar.fees.feedHeartbeat"); // s, 1 day
    bytes32 internal constant FEES_CONGESTION_WINDOW = keccak256("caesar.fees.congestionWindow"); // s, 1 hour
    bytes32 internal constant FEES_CONGESTION_TARGET = keccak256("caesar.fees.congestionTarget"); // transfers, 1,000
    bytes32 internal constant FEES_CONGESTION_STEP_BPS = keccak256("caesar.fees.congestionStepBps"); // 12.5%
    bytes32 internal constant FEES_CONGESTION_MAX_BPS = keccak256("caesar.fees.congestionMaxBps"); // 3.0
    bytes32 internal constant ANTISPEC_HOLDING_PERIOD = keccak256("caesar.antispec.holdingPeriod"); // s, 24 h
    bytes32 internal constant ANTISPEC_WINDOW = keccak256("caesar.antispec.window"); // s, 7 days
    bytes32 internal constant ANTISPEC_THRESHOLD = keccak256("caesar.antispec.threshold"); // rapid trades, 3
    bytes32 internal constant ANTISPEC_STEP_BPS = keccak256("caesar.antispec.stepBps"); // bps per trade, 0.5%
    bytes32 internal constant ANTISPEC_CAP_BPS = keccak256("caesar.antispec.capBps"); // bps, 5%
    bytes32 internal constant ANTISPEC_NET_FLOW_WINDOW = keccak256("caesar.antispec.netFlowWindow"); // s, 1 day
    bytes32 internal constant ANTISPEC_NET_FLOW_LIMIT = keccak256("caesar.antispec.netFlowLimit"); // wei, 1M CAESAR
    bytes32 internal constant AGENTS_MIN_STAKE = keccak256("caesar.agents.minStake"); // wei, 10,000 CAESAR
    bytes32 internal constant AGENTS_UNBONDING_PERIOD = keccak256("caesar.agents.unbondingPeriod"); // s, 7 days
    bytes32 internal constant AGENTS_HOP_PENALTY_BPS = keccak256("caesar.agents.hopPenaltyBps"); // bps per hop, 10%
    bytes32 internal constant DISTRIBUTOR_AGENTS_BPS = keccak256("caesar.distributor.agentsBps"); // 70%
    bytes32 internal constant DISTRIBUTOR_TREASURY_BPS = keccak256("caesar.distributor.treasuryBps"); // 20%
    bytes32 internal constant DISTRIBUTOR_INFRA_BPS = keccak256("caesar.distributor.infraBps"); // 5% (reserve: rest)
    bytes32 internal constant DISTRIBUTOR_EPOCH_LENGTH = keccak256("caesar.distributor.epochLength"); // s, 1 day
    bytes32 internal constant DISTRIBUTOR_REPORT_WINDOW = keccak256("caesar.distributor.reportWindow"); // s, 6 h
    bytes32 internal constant REGIONS_MAX_REGIONS = keccak256("caesar.regions.maxRegions"); // regions, 16
    bytes32 internal constant STABILITY_TWAP_WINDOW = keccak256("caesar.stability.twapWindow"); // s, 1 hour
    bytes32 internal constant STABILITY_TARGET_PRICE = keccak256("caesar.stability.targetPriceWad"); // WAD, 1.0
    bytes32 internal constant STABILITY_DEADBAND_BPS = keccak256("caesar.stability.deadbandBps"); // +-5%
    bytes32 internal constant STABILITY_KP_BPS = keccak256("caesar.stability.kpBps"); // 0.5
    bytes32 internal constant STABILITY_KI_BPS = keccak256("caesar.stability.kiBps"); // 0.1 per day
    bytes32 internal constant STABILITY_LEAK_BPS = keccak256("caesar.stability.leakBps"); // 1% per update
    bytes32 internal constant STABILITY_MAX_OUTPUT_BPS = keccak256("caesar.stability.maxOutputBps"); // 10%
    bytes32 internal constant STABILITY_UPDATE_INTERVAL = keccak256("caesar.stability.updateInterval"); // s, 1 hour
    bytes32 internal constant STABILITY_DEMURRAGE_GAIN_BPS = keccak256("caesar.stability.demurrageGainBps"); // 0.5
    bytes32 internal constant STABILITY_DELAY_THRESHOLD_BPS = keccak256("caesar.stability.delayThresholdBps"); // 10%
    bytes32 internal constant STABILITY_BLOCK_THRESHOLD_BPS = keccak256("caesar.stability.blockThresholdBps"); // 20%
    bytes32 internal constant STABILITY_QUEUE_DELAY = keccak256("caesar.stability.queueDelay"); // s, 1 hour
    bytes32 internal constant STABILITY_QUEUE_EXPIRY = keccak256("caesar.stability.queueExpiry"); // s, 1 day
    bytes32 internal constant STABILITY_BREAKER_COOLDOWN = keccak256("caesar.stability.breakerCooldown"); // s, 6 h
}
