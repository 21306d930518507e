// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStakingPools} from "../IStakingPools.sol";

/// @title IStakingTiers
/// @notice Events of the tiers extension (four minimum-stake tiers with hysteresis on demotion).
interface IStakingTiers is IStakingPools {
    /// @notice A provider's stored tier changed.
    event TierChanged(address indexed provider, uint8 oldTier, uint8 newTier);
}
