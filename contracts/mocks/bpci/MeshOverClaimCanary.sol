// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBurnableERC20} from "../../tokens/IBurnableERC20.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BankMesh} from "../../bpci/mesh/BankMesh.sol";

/// @notice Known-bad canary for test/bpci/mesh/mesh.inv.test.ts (never deployed): a claim takes the borrower's whole
/// bonded stake instead of at most the shortfall. The invariant MESH_CLAIM (claimed <= due - repaid) must catch it.
contract MeshOverClaimCanary is BankMesh {
    constructor(IBurnableERC20 nex, IERC20 aur, IParameterRegistry registry) BankMesh(nex, aur, registry) {}

    function _claimAmount(uint256, uint256 stake_) internal pure override returns (uint256) {
        return stake_;
    }
}
