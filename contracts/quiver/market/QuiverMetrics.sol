// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IQuiverMetrics} from "./IQuiverMetrics.sol";
import {IQuivToken} from "../IQuivToken.sol";
import {IInferenceMarketplace} from "./IInferenceMarketplace.sol";
import {IDisputeManager} from "../disputes/IDisputeManager.sol";
import {BPS} from "../../utils/Constants.sol";

/// @dev The one Governor read the metrics need (EconomyGovernor's counter, SEC-09; OZ GovernorStorage has it too).
interface IProposalCount {
    function proposalCount() external view returns (uint256);
}

/// @title QuiverMetrics
/// @notice Dashboard figures of a QUIVer deployment in one view call.
/// @dev Stateless apart from immutable addresses and a bounded holder list; any source may be zero.
contract QuiverMetrics is IQuiverMetrics {
    /// @dev Bound on the non-circulating holder list, so `metrics()` stays O(1).
    uint256 private constant _MAX_HOLDERS = 8;

    IQuivToken private immutable _token;
    address private immutable _staking;
    address private immutable _market;
    address private immutable _channels;
    address private immutable _disputes;
    address private immutable _governor;
    address[] private _holders;

    /// @param token_ QUIV (required)
    /// @param staking_ ProviderStaking, or zero
    /// @param market_ InferenceMarketplace, or zero
    /// @param channels_ PaymentChannels, or zero
    /// @param disputes_ DisputeManager, or zero
    /// @param governor_ the Governor (read with `proposalCount()`), or zero
    /// @param holders_ non-circulating holders (treasury, reserves), at most 8
    constructor(
        address token_,
        address staking_,
        address market_,
        address channels_,
        address disputes_,
        address governor_,
        address[] memory holders_
    ) {
        if (token_ == address(0)) revert MetricsZeroToken();
        if (holders_.length > _MAX_HOLDERS) revert MetricsTooManyHolders(holders_.length, _MAX_HOLDERS);
        _token = IQuivToken(token_);
        _staking = staking_;
        _market = market_;
        _channels = channels_;
        _disputes = disputes_;
        _governor = governor_;
        _holders = holders_;
    }

    /// @inheritdoc IQuiverMetrics
    function metrics() external view returns (Metrics memory m) {
        uint256 supply = _token.totalSupply();
        uint256 staked = _balance(_staking);
        m.totalSupply = supply;
        m.totalValueLocked = staked + _balance(_market) + _balance(_channels) + _balance(_disputes);
        uint256 excluded = m.totalValueLocked;
        for (uint256 i = 0; i < _holders.length; ++i) {
            excluded += _balance(_holders[i]);
        }
        m.circulatingSupply = supply > excluded ? supply - excluded : 0;
        m.burned = _token.totalBurned();
        m.stakingRatioBps = supply == 0 ? 0 : Math.mulDiv(staked, BPS, supply, Math.Rounding.Floor);
        if (_disputes != address(0)) m.activeValidators = IDisputeManager(_disputes).activeValidatorCount();
        if (_market != address(0)) m.openJobs = IInferenceMarketplace(_market).openJobCount();
        m.governanceProposals = _proposalCount();
        m.timestamp = block.timestamp;
    }

    /// @inheritdoc IQuiverMetrics
    function sources()
        external
        view
        returns (
            address token,
            address staking,
            address marketplace,
            address channels,
            address disputes,
            address governor
        )
    {
        return (address(_token), _staking, _market, _channels, _disputes, _governor);
    }

    /// @inheritdoc IQuiverMetrics
    function nonCirculatingHolders() external view returns (address[] memory) {
        return _holders;
    }

    function _balance(address who) private view returns (uint256) {
        return who == address(0) ? 0 : _token.balanceOf(who);
    }

    /// @dev A Governor without `proposalCount` (plain OZ Governor) reads as 0 rather than breaking the view.
    function _proposalCount() private view returns (uint256) {
        if (_governor == address(0)) return 0;
        try IProposalCount(_governor).proposalCount() returns (uint256 n) {
            return n;
        } catch {
            return 0;
        }
    }
}
