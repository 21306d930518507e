// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingPools} from "../StakingPools.sol";
import {IStakingTiers} from "./IStakingTiers.sol";
import {TierMath} from "../libraries/TierMath.sol";

/// @title StakingTiers
/// @notice Staking extension: four tiers by the pool's bonded stake, with hysteresis on demotion (TierMath).
/// The economy's contract supplies the minimums and the demotion threshold through `_tierMinimum` and
/// `_tierDemotionBps` (QUIVer reads them from its registry keys); TierMath calls them only when a step needs one.
/// @dev The stored tier (`Pool.tier`) is recomputed whenever the bonded stake changes; a view applies the
/// current minimums to it with `_tierFor`, so a parameter change shows at once and is stored on the next touch.
abstract contract StakingTiers is StakingPools, IStakingTiers {
    /// @dev The minimum stake of `tier` (1..4) in wei; meant to ascend with the tier (see TierMath).
    function _tierMinimum(uint8 tier) internal view virtual returns (uint256);

    /// @dev Demotion threshold as a share of a tier's minimum (bps, <= 10,000; 10,000 = no hysteresis).
    function _tierDemotionBps() internal view virtual returns (uint256);

    /// @dev Recomputes the tier on every change of the bonded stake.
    function _onBondedChanged(address provider, Pool storage pool) internal virtual override {
        _updateTier(provider, pool);
    }

    /// @dev Stores the provider's tier after its bonded stake changed (hysteresis, see TierMath).
    function _updateTier(address provider, Pool storage pool) internal {
        uint8 old = pool.tier;
        uint8 tier = _tierFor(pool.bondedTokens, old);
        if (tier != old) {
            pool.tier = tier;
            emit TierChanged(provider, old, tier);
        }
    }

    /// @dev The tier for `stake` given the previous tier, with the current minimums.
    function _tierFor(uint256 stake, uint8 current) internal view returns (uint8) {
        return TierMath.tierAfter(stake, current, _tierMinimum, _tierDemotionBps);
    }
}
