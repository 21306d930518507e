// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IQuiverMetrics
/// @notice One read for dashboards and the SDK: value locked, supply, burn, staking ratio, validators,
/// open jobs and governance activity of a QUIVer deployment.
/// @dev Read-only, no admin: every source address is fixed at construction and may be zero (not deployed
/// yet), in which case its figures are 0. Balances are read with `balanceOf`, so tokens donated to a
/// contract count as locked there.
interface IQuiverMetrics {
    /// @notice The dashboard figures.
    /// @param totalValueLocked QUIV held by staking + marketplace (escrow and pending fees) + channels +
    /// dispute manager (validator stakes, bonds, rewards) (wei)
    /// @param circulatingSupply totalSupply - value locked - balances of the non-circulating holders
    /// (treasury, ecosystem reserve...), floored at 0 (wei)
    /// @param burned cumulative QUIV burned (`totalMinted - totalSupply`, wei)
    /// @param stakingRatioBps QUIV held by staking / totalSupply, rounded down (bps)
    /// @param activeValidators validators in the active set of the DisputeManager
    /// @param openJobs marketplace jobs holding escrow
    /// @param governanceProposals proposals created in the Governor (0 if unknown)
    /// @param totalSupply QUIV total supply (wei)
    /// @param timestamp block time of the read (unix seconds)
    struct Metrics {
        uint256 totalValueLocked;
        uint256 circulatingSupply;
        uint256 burned;
        uint256 stakingRatioBps;
        uint256 activeValidators;
        uint256 openJobs;
        uint256 governanceProposals;
        uint256 totalSupply;
        uint256 timestamp;
    }

    /// @notice The token address given to the constructor is zero.
    error MetricsZeroToken();
    /// @notice More non-circulating holders than the bound.
    error MetricsTooManyHolders(uint256 count, uint256 max);

    /// @notice All figures in one call.
    function metrics() external view returns (Metrics memory);

    /// @notice The configured sources (zero where absent).
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
        );

    /// @notice Holders whose balances are not circulating (treasury, reserves), at most 8.
    function nonCirculatingHolders() external view returns (address[] memory);
}
