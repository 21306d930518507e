// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPriceSource} from "../../caesar/stability/IPriceSource.sol";

interface ISwapPair {
    function token0() external view returns (address);
    function getReserves() external view returns (uint112, uint112, uint32);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
}

// solhint-disable reentrancy
/// @notice Test attacker: in one transaction, a large buy of CAESAR on the pair, a price read, and the sell back (a
/// flash-loan style sandwich). Records the TWAP before, in the middle and after.
contract TwapSandwich {
    uint256 public before;
    uint256 public during;
    uint256 public afterwards;
    uint256 public spotDuring; // quote per CAESAR at the manipulated reserves (WAD)

    /// @notice Buys CAESAR with `quoteIn` of `quote`, reads `source`, sells all the CAESAR back.
    function run(ISwapPair pair, IERC20 quote, IERC20 caesar, IPriceSource source, uint256 quoteIn) external {
        before = source.peek();
        bool caesar0 = pair.token0() == address(caesar);
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        (uint256 rc, uint256 rq) = caesar0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        quote.transfer(address(pair), quoteIn);
        uint256 out = _out(quoteIn, rq, rc);
        pair.swap(caesar0 ? out : 0, caesar0 ? 0 : out, address(this), "");
        during = source.peek();
        (r0, r1, ) = pair.getReserves();
        (rc, rq) = caesar0 ? (uint256(r0), uint256(r1)) : (uint256(r1), uint256(r0));
        spotDuring = (rq * 1e18) / rc;
        caesar.transfer(address(pair), caesar.balanceOf(address(this)));
        uint256 arrived = caesar.balanceOf(address(pair)) - rc;
        uint256 back = _out(arrived, rc, rq);
        pair.swap(caesar0 ? 0 : back, caesar0 ? back : 0, address(this), "");
        afterwards = source.peek();
    }

    function _out(uint256 amountIn, uint256 rIn, uint256 rOut) private pure returns (uint256) {
        uint256 a = amountIn * 997;
        return (a * rOut) / (rIn * 1000 + a);
    }
}
