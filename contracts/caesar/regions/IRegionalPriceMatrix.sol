// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRegionalModifier} from "../fees/IRegionalModifier.sol";
import {IRegionHops} from "../agents/IRegionHops.sol";

/// @title IRegionalPriceMatrix
/// @notice CAESAR's space-time price matrix: governance-set regions (ids 1..16, at most `caesar.regions.maxRegions`
/// of them), each with a geolocation, a resource-cost and a hops modifier in [0.5, 2.0]; an undirected adjacency
/// graph whose edges carry a spillover in each direction (the price pressure a neighbour exerts, in [-0.5, 0.5]);
/// and 24 temporal factors, one per UTC hour, in [0.5, 2.0]. `quote` combines them (RegionMath); `hops` is the
/// shortest path length in the graph.
/// @dev Gas of a read is bounded whatever the matrix: `hops` is one storage read (the shortest-path table is
/// recomputed, by breadth-first search over at most 16 regions, whenever governance changes the graph), and `quote`
/// reads the region, its spillover row, the hop table row and one temporal word, and loops over at most 15
/// neighbours. Unknown regions are neutral (modifier 1.0, 0 hops), so a read never reverts and can never block a
/// relayed payment. Two known regions without a path are `UNREACHABLE_HOPS` (16) apart, farther than any path.
/// Powers: DEFAULT_ADMIN_ROLE (the timelock) sets and removes regions and edges and the temporal factors.
interface IRegionalPriceMatrix is IRegionalModifier, IRegionHops {
    /// @notice A region.
    /// @param exists whether governance set it
    /// @param geoBps geolocation modifier (bps of 1.0, 5,000..20,000)
    /// @param resourceBps local resource-cost modifier (bps of 1.0, 5,000..20,000)
    /// @param hopsBps cost of one network hop from the origin region (bps of 1.0, 5,000..20,000)
    /// @param adjacency bit `id - 1` set for each neighbour `id`
    struct Region {
        bool exists;
        uint16 geoBps;
        uint16 resourceBps;
        uint16 hopsBps;
        uint16 adjacency;
    }

    /// @notice A zero address where a contract is required.
    error RegionsZeroAddress();
    /// @notice Region id `region` is outside 1..`max`.
    error RegionsIdOutOfRange(uint256 region, uint256 max);
    /// @notice Adding a region would exceed `max` regions (`count` exist).
    error RegionsTooMany(uint256 count, uint256 max);
    /// @notice A modifier `value` of `region` is outside 5,000..20,000 bps.
    error RegionsModifierOutOfRange(uint16 region, uint256 value);
    /// @notice The temporal factor `value` of hour `hour` is outside 5,000..20,000 bps.
    error RegionsTemporalOutOfRange(uint256 hour, uint256 value);
    /// @notice The spillover `value` that `to` exerts on `from` is outside -5,000..5,000 bps.
    error RegionsSpilloverOutOfRange(uint16 from, uint16 to, int256 value);
    /// @notice `region` is not set.
    error RegionsUnknownRegion(uint16 region);
    /// @notice An edge from `region` to itself.
    error RegionsSelfEdge(uint16 region);
    /// @notice There is no edge between `a` and `b`.
    error RegionsUnknownEdge(uint16 a, uint16 b);

    /// @notice `region` was set (`created`: it did not exist) with these modifiers (bps).
    event RegionSet(uint16 indexed region, uint256 geoBps, uint256 resourceBps, uint256 hopsBps, bool created);
    /// @notice `region` and all its edges were removed.
    event RegionRemoved(uint16 indexed region);
    /// @notice The edge `a`-`b` was set: `b` exerts `spilloverOnA` bps on `a`, `a` exerts `spilloverOnB` on `b`.
    event EdgeSet(uint16 indexed a, uint16 indexed b, int256 spilloverOnA, int256 spilloverOnB);
    /// @notice The edge `a`-`b` was removed.
    event EdgeRemoved(uint16 indexed a, uint16 indexed b);
    /// @notice The 24 hourly temporal factors (bps, index = UTC hour) became `factors`.
    event TemporalFactorsSet(uint256[24] factors);

    /// @notice Highest region id (and the hard bound of `caesar.regions.maxRegions`).
    function MAX_REGIONS() external view returns (uint256);

    /// @notice Hops reported between two known regions without a path.
    function UNREACHABLE_HOPS() external view returns (uint256);

    /// @notice `region`'s record (all zero when unknown).
    function regionOf(uint16 region) external view returns (Region memory);

    /// @notice Number of regions set.
    function regionCount() external view returns (uint256);

    /// @notice The ids of the regions set, ascending (at most 16).
    function regionIds() external view returns (uint16[] memory ids);

    /// @notice The spillover (bps) neighbour `to` exerts on `from` (0 without an edge).
    function spilloverOf(uint16 from, uint16 to) external view returns (int256);

    /// @notice The 24 hourly temporal factors (bps, index = UTC hour).
    function temporalFactors() external view returns (uint256[24] memory factors);

    /// @notice The three terms of `quote` beside the result, for dashboards and the SDK.
    /// @return hops hops between `originRegion` and `region`
    /// @return hopBps the hop term
    /// @return temporalBps the temporal factor of the hour of `timestamp`
    /// @return spilloverBps the spillover term
    /// @return modifierBps what `quote` returns
    function quoteTerms(
        uint16 region,
        uint256 timestamp,
        uint16 originRegion
    )
        external
        view
        returns (uint256 hops, uint256 hopBps, uint256 temporalBps, uint256 spilloverBps, uint256 modifierBps);

    /// @notice Creates or updates `region` with its three modifiers (bps, each 5,000..20,000). Admin only.
    /// @dev Creating one needs `regionCount() < caesar.regions.maxRegions` and recomputes the hop table.
    function setRegion(uint16 region, uint256 geoBps, uint256 resourceBps, uint256 hopsBps) external;

    /// @notice Removes `region` and its edges, and recomputes the hop table. Admin only.
    function removeRegion(uint16 region) external;

    /// @notice Creates or updates the edge `a`-`b` with the spillover each side exerts on the other (bps,
    /// -5,000..5,000); recomputes the hop table when the edge is new. Admin only.
    function setEdge(uint16 a, uint16 b, int256 spilloverOnA, int256 spilloverOnB) external;

    /// @notice Removes the edge `a`-`b` and recomputes the hop table. Admin only.
    function removeEdge(uint16 a, uint16 b) external;

    /// @notice Sets the 24 hourly temporal factors (bps, index = UTC hour, each 5,000..20,000). Admin only.
    function setTemporalFactors(uint256[24] calldata factors) external;
}
