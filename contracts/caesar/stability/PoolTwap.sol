// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {IPriceSource} from "./IPriceSource.sol";

/// @notice The Uniswap V2 pair functions PoolTwap reads.
interface IUniswapV2PairOracle {
    /// @notice The first token of the pair (sorted by address).
    function token0() external view returns (address);
    /// @notice The second token of the pair.
    function token1() external view returns (address);
    /// @notice Reserves and the block time (mod 2^32) of the pair's last update.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    /// @notice Sum over time of token1/token0 (UQ112x112 times seconds), wrapping.
    function price0CumulativeLast() external view returns (uint256);
    /// @notice Sum over time of token0/token1 (UQ112x112 times seconds), wrapping.
    function price1CumulativeLast() external view returns (uint256);
}

/// @title PoolTwap
/// @notice CAESAR's market price from a Uniswap V2 pair: the time-weighted average of the pair's price accumulators
/// over at least `caesar.stability.twapWindow` seconds, never the spot reserves, so a trade and its reversal inside
/// one transaction (or one block) carry no weight. Price = quote units per CAESAR, WAD, both tokens' decimals taken
/// into account.
/// @dev Two observations (`older`, `newer`): `observe()` rolls `newer` into `older` once `newer` is a window old, so
/// the average always spans between one and two windows after the first roll. The current accumulator is the
/// pair's, advanced to now with the reserves of its last update (UniswapV2OracleLibrary's counterfactual): those
/// reserves were set by a trade in an earlier block, or in this block, in which case no time has passed since.
contract PoolTwap is IPriceSource {
    /// @dev One accumulator reading.
    struct Observation {
        uint256 cumulative; // CAESAR price accumulator (UQ112x112 * s, wrapping)
        uint256 timestamp; // block time (s)
    }

    /// @notice The average would span `elapsed` seconds, less than the window `window`.
    error TwapWindowNotElapsed(uint256 elapsed, uint256 window);
    /// @notice `pair` does not hold `caesar`.
    error TwapTokenNotInPair(address pair, address caesar);

    /// @notice `observe()` recorded a new observation (`cumulative` at `timestamp`).
    event TwapObserved(uint256 cumulative, uint256 timestamp);

    /// @notice The pair read.
    IUniswapV2PairOracle public immutable pair;
    /// @notice The registry holding the window.
    IParameterRegistry public immutable registry;
    /// @notice Whether CAESAR is the pair's token0 (its price is then price0, token1 per token0).
    bool public immutable caesarIsToken0;
    uint256 private immutable _scale; // 10^(18 + caesarDecimals - quoteDecimals) as a multiplier over 2^112

    /// @notice The older observation (start of the average).
    Observation public older;
    /// @notice The newer observation (it becomes the older one once a window old).
    Observation public newer;

    /// @param pair_ the Uniswap V2 pair of CAESAR and its quote token
    /// @param caesar the CAESAR token
    /// @param registry_ the registry holding `caesar.stability.twapWindow`
    /// @param caesarDecimals decimals of CAESAR (18)
    /// @param quoteDecimals decimals of the quote token (at most 36)
    constructor(
        IUniswapV2PairOracle pair_,
        address caesar,
        IParameterRegistry registry_,
        uint8 caesarDecimals,
        uint8 quoteDecimals
    ) {
        bool zero = pair_.token0() == caesar;
        if (!zero && pair_.token1() != caesar) revert TwapTokenNotInPair(address(pair_), caesar);
        pair = pair_;
        registry = registry_;
        caesarIsToken0 = zero;
        _scale = 10 ** (18 + uint256(caesarDecimals)) / 10 ** uint256(quoteDecimals);
        Observation memory o = Observation(_cumulativeNow(), block.timestamp);
        older = o;
        newer = o;
        emit TwapObserved(o.cumulative, o.timestamp);
    }

    /// @inheritdoc IPriceSource
    /// @dev Rolls the observations when `newer` is a window old, then returns the average since `older`.
    function observe() external returns (uint256 priceWad) {
        uint256 window = registry.get(CaesarParams.STABILITY_TWAP_WINDOW);
        uint256 cum = _cumulativeNow();
        Observation memory n = newer;
        if (block.timestamp - n.timestamp >= window) {
            older = n;
            newer = Observation(cum, block.timestamp);
            emit TwapObserved(cum, block.timestamp);
            return _average(n, cum, window);
        }
        return _average(older, cum, window);
    }

    /// @inheritdoc IPriceSource
    function peek() external view returns (uint256 priceWad) {
        uint256 window = registry.get(CaesarParams.STABILITY_TWAP_WINDOW);
        uint256 cum = _cumulativeNow();
        Observation memory n = newer;
        return _average(block.timestamp - n.timestamp >= window ? n : older, cum, window);
    }

    /// @notice The CAESAR price accumulator advanced to now (UQ112x112 * s, wrapping).
    function cumulativeNow() external view returns (uint256) {
        return _cumulativeNow();
    }

    function _average(Observation memory from, uint256 cum, uint256 window) private view returns (uint256) {
        uint256 elapsed = block.timestamp - from.timestamp;
        if (elapsed < window || elapsed == 0) revert TwapWindowNotElapsed(elapsed, window);
        uint256 avg;
        unchecked {
            avg = (cum - from.cumulative) / elapsed; // accumulators wrap by design
        }
        return Math.mulDiv(avg, _scale, 1 << 112);
    }

    function _cumulativeNow() private view returns (uint256 cum) {
        IUniswapV2PairOracle p = pair;
        cum = caesarIsToken0 ? p.price0CumulativeLast() : p.price1CumulativeLast();
        (uint112 r0, uint112 r1, uint32 last) = p.getReserves();
        uint32 nowTs = uint32(block.timestamp);
        if (last != nowTs && r0 != 0 && r1 != 0) {
            unchecked {
                uint256 dt = uint256(nowTs - last); // wraps like the pair's own arithmetic
                uint256 spot = caesarIsToken0 ? (uint256(r1) << 112) / r0 : (uint256(r0) << 112) / r1;
                cum += spot * dt;
            }
        }
    }
}
