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
    // PoE mining (contracts/bpci/mining): miner stake, jobs, the fee split, the locked reserve, owner salary, issuance.
    bytes32 internal constant POE_MIN_STAKE = keccak256("bpci.poe.minStake"); // NEX wei, 100 NEX
    bytes32 internal constant POE_UNBONDING_PERIOD = keccak256("bpci.poe.unbondingPeriod"); // s, 14 days
    bytes32 internal constant POE_JOB_TIMEOUT = keccak256("bpci.poe.jobTimeout"); // s from submit to refund, 1 day
    bytes32 internal constant POE_FEE_BPS = keccak256("bpci.poe.feeBps"); // bps of the job value, 1%
    bytes32 internal constant POE_LOCK_SHARE_BPS = keccak256("bpci.poe.lockShareBps"); // bps of the fee, 20%
    bytes32 internal constant POE_SPEND_SHARE_BPS = keccak256("bpci.poe.spendShareBps"); // bps of the fee, 30%
    bytes32 internal constant POE_OWNER_SHARE_BPS = keccak256("bpci.poe.ownerShareBps"); // bps of the fee, 20%
    bytes32 internal constant POE_RESERVE_VESTING = keccak256("bpci.poe.reserveVesting"); // s, 90 days
    bytes32 internal constant POE_SALARY_CEILING_FLX = keccak256("bpci.poe.salaryCeilingFlx"); // wFLX wei per period
    bytes32 internal constant POE_SALARY_CEILING_AUR = keccak256("bpci.poe.salaryCeilingAur"); // AUR wei per period
    bytes32 internal constant POE_WORK_WEIGHT_FLX = keccak256("bpci.poe.workWeightFlx"); // NEX-equivalent per wFLX wei
    bytes32 internal constant POE_WORK_WEIGHT_AUR = keccak256("bpci.poe.workWeightAur"); // NEX-equivalent per AUR wei
    bytes32 internal constant POE_BASE_ISSUANCE = keccak256("bpci.poe.baseIssuance"); // NEX wei per epoch, 2,700
    bytes32 internal constant POE_MAX_NEX_PER_WORK = keccak256("bpci.poe.maxNexPerWork"); // WAD, 0.25
    bytes32 internal constant POE_EMA_ALPHA_BPS = keccak256("bpci.poe.emaAlphaBps"); // bps, 50%
    bytes32 internal constant POE_WEIGHT_VOLUME = keccak256("bpci.poe.weightVolume"); // WAD, 0.4
    bytes32 internal constant POE_WEIGHT_LIQUIDITY = keccak256("bpci.poe.weightLiquidity"); // WAD, 0.2
    bytes32 internal constant POE_WEIGHT_UPTIME = keccak256("bpci.poe.weightUptime"); // WAD, 0.2
    bytes32 internal constant POE_WEIGHT_QUALITY = keccak256("bpci.poe.weightQuality"); // WAD, 0.2
    bytes32 internal constant POE_SCALE_VOLUME = keccak256("bpci.poe.scaleVolume"); // NEX-equivalent wei, 1M
    bytes32 internal constant POE_SCALE_LIQUIDITY = keccak256("bpci.poe.scaleLiquidity"); // feed units (18 dec), 10M
    bytes32 internal constant POE_FEED_HEARTBEAT = keccak256("bpci.poe.feedHeartbeat"); // s, 26 hours
    bytes32 internal constant BILLING_PAYMENT_WINDOW = keccak256("bpci.billing.paymentWindow"); // s, 7 days
    bytes32 internal constant STABILITY_INTERVENTION_BPS = keccak256("bpci.stability.interventionBps"); // bps, 10%
    bytes32 internal constant STABILITY_EMERGENCY_BPS = keccak256("bpci.stability.emergencyBps"); // bps, 25%
    bytes32 internal constant STABILITY_FEED_HEARTBEAT = keccak256("bpci.stability.feedHeartbeat"); // s, 26 hours
    bytes32 internal constant STABILITY_INTERVENTION_DELAY = keccak256("bpci.stability.interventionDelay"); // s, 6 h
    bytes32 internal constant STABILITY_INTERVENTION_GRACE = keccak256("bpci.stability.interventionGrace"); // s, 3 d
    bytes32 internal constant STABILITY_MINT_HALTED = keccak256("bpci.stability.mintHalted"); // 0 or 1 (halted)
    // Bank mesh (contracts/bpci/mesh): bank stake, heartbeats, loans, settlements, mesh proposals.
    bytes32 internal constant MESH_MIN_STAKE = keccak256("bpci.mesh.minStake"); // NEX wei, 1,000 NEX
    bytes32 internal constant MESH_UNBONDING_PERIOD = keccak256("bpci.mesh.unbondingPeriod"); // s, 14 days
    bytes32 internal constant MESH_HEARTBEAT_PERIOD = keccak256("bpci.mesh.heartbeatPeriod"); // s, 1 hour
    bytes32 internal constant MESH_SETTLEMENT_TIMEOUT = keccak256("bpci.mesh.settlementTimeout"); // s, 30 minutes
    bytes32 internal constant MESH_PASS_THRESHOLD_BPS = keccak256("bpci.mesh.passThresholdBps"); // bps, 67%
    bytes32 internal constant MESH_MAX_OFFERS = keccak256("bpci.mesh.maxOffersPerRequest"); // count, 16
    bytes32 internal constant MESH_REQUEST_WINDOW = keccak256("bpci.mesh.requestWindow"); // s, 1 day
    bytes32 internal constant MESH_MAX_LOAN_DURATION = keccak256("bpci.mesh.maxLoanDuration"); // s, 365 days
    bytes32 internal constant MESH_VOTING_PERIOD = keccak256("bpci.mesh.votingPeriod"); // s, 3 days
}
