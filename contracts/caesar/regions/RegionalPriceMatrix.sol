// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BPS} from "../../utils/Constants.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {IRegionalModifier} from "../fees/IRegionalModifier.sol";
import {IRegionHops} from "../agents/IRegionHops.sol";
import {IRegionalPriceMatrix} from "./IRegionalPriceMatrix.sol";
import {RegionMath} from "./RegionMath.sol";

/// @title RegionalPriceMatrix
/// @notice CAESAR's regional price matrix (see IRegionalPriceMatrix and the formula in RegionMath). The CAESAR
/// processor reads it as its region source: hops for the agents' efficiency, the modifier for their points.
/// @dev Storage, one slot each: a region's record; its spillover row (16 lanes of int16, lane `to - 1` = what `to`
/// exerts on it); its hop row (16 lanes of 8 bits, lane `to - 1` = shortest path length, 16 = unreachable); the
/// set of present regions (a 16-bit mask) with their count; the 24 temporal factors (two slots of uint16). The hop
/// table is rewritten whenever the graph changes: a breadth-first search from every present region over bit masks,
/// at most 16 x 16 node visits, so a governance edit costs a bounded amount and a read is one slot.
contract RegionalPriceMatrix is AccessControl, IRegionalPriceMatrix {
    /// @inheritdoc IRegionalPriceMatrix
    uint256 public constant MAX_REGIONS = 16;
    /// @inheritdoc IRegionalPriceMatrix
    uint256 public constant UNREACHABLE_HOPS = 16;

    // 16 lanes of UNREACHABLE_HOPS (0x10): a hop row before the search fills it.
    uint256 private constant _UNREACHABLE_ROW = 0x10101010101010101010101010101010;

    IParameterRegistry private immutable _REGISTRY;

    mapping(uint16 region => Region) private _regions;
    mapping(uint16 region => uint256 lanes) private _spill;
    mapping(uint16 region => uint256 lanes) private _hopRow;
    uint256 private _present; // bit `id - 1` per present region
    uint256 private _count;
    uint16[24] private _temporal;

    /// @param registry the kit ParameterRegistry (`caesar.regions.maxRegions`)
    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock)
    constructor(IParameterRegistry registry, address admin) {
        if (address(registry) == address(0) || admin == address(0)) revert RegionsZeroAddress();
        _REGISTRY = registry;
        for (uint256 h = 0; h < 24; ++h) _temporal[h] = uint16(BPS);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc IRegionalModifier
    function quote(uint16 region, uint256 timestamp, uint16 originRegion) external view returns (uint256 modifierBps) {
        (, , , , modifierBps) = _terms(region, timestamp, originRegion);
    }

    /// @inheritdoc IRegionalPriceMatrix
    function quoteTerms(
        uint16 region,
        uint256 timestamp,
        uint16 originRegion
    )
        external
        view
        returns (uint256 hops_, uint256 hopBps, uint256 temporalBps, uint256 spilloverBps, uint256 modifierBps)
    {
        return _terms(region, timestamp, originRegion);
    }

    /// @inheritdoc IRegionHops
    function hops(uint16 from, uint16 to) external view returns (uint256) {
        return _hops(_present, from, to);
    }

    /// @inheritdoc IRegionalPriceMatrix
    function regionOf(uint16 region) external view returns (Region memory) {
        return _regions[region];
    }

    /// @inheritdoc IRegionalPriceMatrix
    function regionCount() external view returns (uint256) {
        return _count;
    }

    /// @inheritdoc IRegionalPriceMatrix
    function regionIds() external view returns (uint16[] memory ids) {
        uint256 present = _present;
        ids = new uint16[](_count);
        uint256 n = 0;
        for (uint256 i = 0; i < MAX_REGIONS; ++i) {
            if (present & (1 << i) != 0) ids[n++] = uint16(i + 1);
        }
    }

    /// @inheritdoc IRegionalPriceMatrix
    function spilloverOf(uint16 from, uint16 to) external view returns (int256) {
        if (!_valid(to)) return 0;
        return _lane16(_spill[from], to);
    }

    /// @inheritdoc IRegionalPriceMatrix
    function temporalFactors() external view returns (uint256[24] memory factors) {
        for (uint256 h = 0; h < 24; ++h) factors[h] = _temporal[h];
    }

    /// @notice The region-count bound in force: `caesar.regions.maxRegions`, at most `MAX_REGIONS`.
    function maxRegions() public view returns (uint256) {
        return Math.min(_REGISTRY.get(CaesarParams.REGIONS_MAX_REGIONS), MAX_REGIONS);
    }

    // ------------------------------------------------------------------------------------ governance

    /// @inheritdoc IRegionalPriceMatrix
    function setRegion(
        uint16 region,
        uint256 geoBps,
        uint256 resourceBps,
        uint256 hopsBps
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_valid(region)) revert RegionsIdOutOfRange(region, MAX_REGIONS);
        _checkModifier(region, geoBps);
        _checkModifier(region, resourceBps);
        _checkModifier(region, hopsBps);
        Region storage r = _regions[region];
        bool created = !r.exists;
        if (created) {
            uint256 max = maxRegions();
            if (_count >= max) revert RegionsTooMany(_count, max);
            r.exists = true;
            _count += 1;
            _present |= _bit(region);
            // A new region has no edge yet: unreachable from every other region (their rows already say so).
            _hopRow[region] = _UNREACHABLE_ROW & ~(uint256(0xff) << _lane8(region));
        }
        // The casts are exact: every modifier was checked to be at most 20,000.
        r.geoBps = uint16(geoBps);
        r.resourceBps = uint16(resourceBps);
        r.hopsBps = uint16(hopsBps);
        emit RegionSet(region, geoBps, resourceBps, hopsBps, created);
    }

    /// @inheritdoc IRegionalPriceMatrix
    function removeRegion(uint16 region) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireRegion(region);
        uint256 adjacency = _regions[region].adjacency;
        delete _regions[region];
        delete _spill[region];
        delete _hopRow[region];
        _present &= ~_bit(region);
        _count -= 1;
        for (uint256 i = 0; i < MAX_REGIONS; ++i) {
            if (adjacency & (1 << i) == 0) continue;
            uint16 n = uint16(i + 1);
            _regions[n].adjacency &= uint16(~_bit(region));
            _spill[n] &= ~(uint256(0xffff) << _lane16Shift(region));
            emit EdgeRemoved(region, n);
        }
        emit RegionRemoved(region);
        if (adjacency != 0) _recomputeHops();
    }

    /// @inheritdoc IRegionalPriceMatrix
    function setEdge(
        uint16 a,
        uint16 b,
        int256 spilloverOnA,
        int256 spilloverOnB
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _requireRegion(a);
        _requireRegion(b);
        if (a == b) revert RegionsSelfEdge(a);
        _checkSpillover(a, b, spilloverOnA);
        _checkSpillover(b, a, spilloverOnB);
        Region storage ra = _regions[a];
        bool created = ra.adjacency & _bit(b) == 0;
        ra.adjacency |= uint16(_bit(b));
        _regions[b].adjacency |= uint16(_bit(a));
        _spill[a] = _withLane16(_spill[a], b, spilloverOnA);
        _spill[b] = _withLane16(_spill[b], a, spilloverOnB);
        emit EdgeSet(a, b, spilloverOnA, spilloverOnB);
        if (created) _recomputeHops();
    }

    /// @inheritdoc IRegionalPriceMatrix
    function removeEdge(uint16 a, uint16 b) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_valid(a) || !_valid(b) || _regions[a].adjacency & _bit(b) == 0) revert RegionsUnknownEdge(a, b);
        _regions[a].adjacency &= uint16(~_bit(b));
        _regions[b].adjacency &= uint16(~_bit(a));
        _spill[a] &= ~(uint256(0xffff) << _lane16Shift(b));
        _spill[b] &= ~(uint256(0xffff) << _lane16Shift(a));
        emit EdgeRemoved(a, b);
        _recomputeHops();
    }

    /// @inheritdoc IRegionalPriceMatrix
    function setTemporalFactors(uint256[24] calldata factors) external onlyRole(DEFAULT_ADMIN_ROLE) {
        for (uint256 h = 0; h < 24; ++h) {
            uint256 f = factors[h];
            if (f < RegionMath.MODIFIER_MIN || f > RegionMath.MODIFIER_MAX) revert RegionsTemporalOutOfRange(h, f);
        }
        // Exact casts: each factor was checked to be at most 20,000.
        for (uint256 h = 0; h < 24; ++h) _temporal[h] = uint16(factors[h]);
        emit TemporalFactorsSet(factors);
    }

    // ------------------------------------------------------------------------------------ internals

    function _terms(
        uint16 region,
        uint256 timestamp,
        uint16 origin
    )
        private
        view
        returns (uint256 hops_, uint256 hopBps, uint256 temporalBps, uint256 spilloverBps, uint256 modifierBps)
    {
        if (!_valid(region)) return (0, BPS, BPS, BPS, BPS);
        Region memory r = _regions[region];
        if (!r.exists) return (0, BPS, BPS, BPS, BPS);
        hops_ = _hops(_present, origin, region);
        hopBps = RegionMath.hopTerm(r.hopsBps, hops_);
        temporalBps = _temporal[RegionMath.hourOf(timestamp)];
        spilloverBps = _spilloverTerm(region, r.adjacency);
        modifierBps = RegionMath.combine(r.geoBps, r.resourceBps, hopBps, temporalBps, spilloverBps);
    }

    /// @dev The spillover term: the average over the (at most 15) neighbours of what each exerts.
    function _spilloverTerm(uint16 region, uint256 adjacency) private view returns (uint256) {
        if (adjacency == 0) return BPS;
        uint256 lanes = _spill[region];
        int256 sum = 0;
        uint256 degree = 0;
        for (uint256 i = 0; i < MAX_REGIONS; ++i) {
            if (adjacency & (1 << i) == 0) continue;
            sum += int256(int16(uint16(lanes >> (16 * i))));
            ++degree;
        }
        return RegionMath.spilloverTerm(sum, degree);
    }

    /// @dev Hops between two regions: 0 for the same or an unknown region, else the table's entry.
    function _hops(uint256 present, uint16 from, uint16 to) private view returns (uint256) {
        if (from == to || !_valid(from) || !_valid(to)) return 0;
        if (present & _bit(from) == 0 || present & _bit(to) == 0) return 0;
        return (_hopRow[from] >> _lane8(to)) & 0xff;
    }

    /// @dev Rewrites the hop row of every present region by breadth-first search over the adjacency masks.
    function _recomputeHops() private {
        uint256 present = _present;
        uint256[17] memory adj;
        for (uint256 i = 0; i < MAX_REGIONS; ++i) {
            if (present & (1 << i) != 0) adj[i + 1] = _regions[uint16(i + 1)].adjacency;
        }
        for (uint256 s = 1; s <= MAX_REGIONS; ++s) {
            if (present & (1 << (s - 1)) == 0) continue;
            uint256 row = _UNREACHABLE_ROW & ~(uint256(0xff) << (8 * (s - 1)));
            uint256 visited = 1 << (s - 1);
            uint256 frontier = visited;
            uint256 depth = 0;
            while (frontier != 0) {
                ++depth;
                uint256 next = 0;
                for (uint256 f = frontier; f != 0; f &= f - 1) next |= adj[Math.log2(f & (~f + 1)) + 1];
                next &= present & ~visited;
                for (uint256 n = next; n != 0; n &= n - 1) {
                    uint256 shift = 8 * Math.log2(n & (~n + 1));
                    row = (row & ~(uint256(0xff) << shift)) | (depth << shift);
                }
                visited |= next;
                frontier = next;
            }
            if (_hopRow[uint16(s)] != row) _hopRow[uint16(s)] = row;
        }
    }

    function _requireRegion(uint16 region) private view {
        if (!_valid(region) || !_regions[region].exists) revert RegionsUnknownRegion(region);
    }

    function _checkModifier(uint16 region, uint256 value) private pure {
        if (value < RegionMath.MODIFIER_MIN || value > RegionMath.MODIFIER_MAX) {
            revert RegionsModifierOutOfRange(region, value);
        }
    }

    function _checkSpillover(uint16 from, uint16 to, int256 value) private pure {
        if (value < -RegionMath.SPILLOVER_MAX || value > RegionMath.SPILLOVER_MAX) {
            revert RegionsSpilloverOutOfRange(from, to, value);
        }
    }

    function _valid(uint16 region) private pure returns (bool) {
        return region != 0 && region <= MAX_REGIONS;
    }

    function _bit(uint16 region) private pure returns (uint256) {
        return 1 << (region - 1);
    }

    function _lane8(uint16 region) private pure returns (uint256) {
        return 8 * (uint256(region) - 1);
    }

    function _lane16Shift(uint16 region) private pure returns (uint256) {
        return 16 * (uint256(region) - 1);
    }

    function _lane16(uint256 lanes, uint16 region) private pure returns (int256) {
        return int256(int16(uint16(lanes >> _lane16Shift(region))));
    }

    /// @dev `lanes` with lane `region` set to `value` (checked to fit int16).
    function _withLane16(uint256 lanes, uint16 region, int256 value) private pure returns (uint256) {
        uint256 shift = _lane16Shift(region);
        return (lanes & ~(uint256(0xffff) << shift)) | (uint256(uint16(int16(value))) << shift);
    }
}
