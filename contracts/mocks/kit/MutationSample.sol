// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title MutationSample
/// @notice One of each construct the mutation operators of scripts/mutate change (test/scripts/mutate.test.ts
/// asserts the exact mutants). Never deployed.
contract MutationSample {
    error TooLow(uint256 value);

    event Moved(address indexed from, address indexed to, uint256 amount);

    uint256 public total;

    function check(uint256 a, uint256 b) external pure returns (bool) {
        if (a < 10) revert TooLow(a);
        // solhint-disable-next-line gas-custom-errors
        require(b != a, "same");
        return a >= b;
    }

    function move(address from, address to, uint256 amount) external {
        total += amount;
        emit Moved(from, to, amount);
    }

    function round(uint256 x, uint256 y) external pure returns (uint256, uint256) {
        return (Math.ceilDiv(x, y), Math.mulDiv(x, 3, y, Math.Rounding.Floor) * 2);
    }

    function loop(uint256 n) external pure returns (uint256 s) {
        for (uint256 i = 0; i < n; ++i) {
            s = Math.max(s, i);
        }
    }
}
