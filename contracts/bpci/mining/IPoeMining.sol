// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFeedReader} from "../../oracles/IFeedReader.sol";

/// @title IPoeMining
/// @notice BPCI proof-of-economic-activity mining: a requester submits an economic job (one of ten types) with a
/// value paid in wFLX (FLX through the kit's static wrapper) or AUR for an active miner (MinerStaking), escrowing the
/// value plus a fee (`bpci.poe.feeBps`, 1%); the miner confirms it before its deadline or anyone refunds it after.
/// A confirmation pays the miner the value and the spendable leg, locks the reserve leg in the miner's one vesting
/// line (slashable while locked), books the owner-salary leg against the period's ceiling (the excess to the
/// treasury) and the treasury leg, and credits the miner's fee-paying work in the current epoch. Each epoch closes
/// with the PoE index Phi (volume on chain, liquidity, uptime and quality from feeds, EMA-smoothed) and mints
/// base x Gamma(Phi) NEX (capped by work and by NEX's yearly room) that miners claim pro rata to their work;
/// the rest of the base is withheld, never minted, and reported.
interface IPoeMining {
    /// @notice The ten economic job types (the seed's EconomicJobType).
    enum JobType {
        Transaction,
        Storage,
        Compute,
        CrossBorderTransfer,
        ValidatorReward,
        Hosting,
        BankMeshSettlement,
        Liquidity,
        GovernanceVote,
        Audit
    }

    /// @notice The derived state of a job (bit `uint8(state)` in `PoeUnexpectedState.allowed`): Pending until its
    /// deadline, then Expired (refundable) unless confirmed; Confirmed and Refunded are final.
    enum JobState {
        None,
        Pending,
        Expired,
        Confirmed,
        Refunded
    }

    /// @notice A job as stored: requester, deadline (unix s), type, payment token index (0 wFLX, 1 AUR), stored
    /// status (0 none, 1 open, 2 confirmed, 3 refunded), miner, value and fee (token wei).
    struct Job {
        address requester;
        uint48 deadline;
        uint8 jobType;
        uint8 token;
        uint8 status;
        address miner;
        uint128 value;
        uint128 fee;
    }

    /// @notice One epoch: fee-paying work and NEX-equivalent volume credited in it, and, once closed, the NEX issued
    /// and withheld.
    struct Epoch {
        uint128 work;
        uint128 volume;
        uint128 issued;
        uint128 withheld;
    }

    /// @notice One line of an owner-salary report: what the owner earned in a period in `token` and what the ceiling
    /// sent to the treasury instead; `ceiling` is the current ceiling.
    struct SalaryLine {
        address token;
        uint256 salary;
        uint256 toTreasury;
        uint256 ceiling;
    }

    /// @notice The job `jobId` is in state `current`, not one of `allowed` (a StateBitmap).
    error PoeUnexpectedState(uint256 jobId, JobState current, bytes32 allowed);
    /// @notice `requester` asked for a job from itself as the miner (wash trading needs two accounts and pays).
    error PoeSelfJob(address requester);
    /// @notice `miner` is not an active miner: `stake` bonded, `minimum` required (or not registered).
    error PoeMinerNotActive(address miner, uint256 stake, uint256 minimum);
    /// @notice `token` is neither wFLX nor AUR.
    error PoeUnknownToken(address token);
    /// @notice `requester` submitted a job of value 0.
    error PoeZeroValue(address requester);
    /// @notice `caller` is not `expected` (the job's miner, or the owner-salary recipient).
    error PoeUnauthorized(address caller, address expected);
    /// @notice `account` has nothing to claim or release (in `epoch` for issuance claims; type(uint256).max otherwise).
    error PoeNothingToClaim(address account, uint256 epoch);
    /// @notice Epoch `epoch` ends at `endsAt`, after `nowTs`, so it cannot close yet.
    error PoeEpochNotEnded(uint256 epoch, uint256 endsAt, uint256 nowTs);
    /// @notice Epoch `epoch` is not closed: the next one to close is `nextToClose`.
    error PoeEpochNotClosed(uint256 epoch, uint256 nextToClose);
    /// @notice A slash of `amount` exceeds the `locked` (unvested) reserve of `miner` in `token`.
    error PoeSlashExceedsLocked(address miner, address token, uint256 amount, uint256 locked);
    /// @notice A zero address was given where a real one is required.
    error PoeZeroAddress();

    /// @notice `requester` escrowed `value + fee` of `token` for `miner`'s job `jobId` of `jobType`, due by `deadline`.
    event JobSubmitted(
        uint256 indexed jobId,
        address indexed requester,
        address indexed miner,
        JobType jobType,
        address token,
        uint256 value,
        uint256 fee,
        uint256 deadline
    );
    /// @notice `miner` confirmed job `jobId` in `epoch`: the fee legs (owner leg before the ceiling) and the work credited.
    event JobConfirmed(
        uint256 indexed jobId,
        address indexed miner,
        uint256 epoch,
        uint256 locked,
        uint256 spendable,
        uint256 ownerSalary,
        uint256 treasury,
        uint256 work
    );
    /// @notice Job `jobId` expired and returned `amount` (value + fee) to `requester`.
    event JobRefunded(uint256 indexed jobId, address indexed requester, uint256 amount);
    /// @notice `amount` joined `miner`'s locked reserve in `token`: now `locked` unvested, vesting until `end`.
    event ReserveLocked(address indexed miner, address indexed token, uint256 amount, uint256 locked, uint256 end);
    /// @notice `amount` of `miner`'s reserve in `token` vested and was paid to it.
    event ReserveReleased(address indexed miner, address indexed token, uint256 amount);
    /// @notice `amount` of `miner`'s unvested reserve in `token` was slashed to the treasury; `locked` remains.
    event ReserveSlashed(address indexed miner, address indexed token, uint256 amount, uint256 locked);
    /// @notice A job's owner leg in salary `period`: `salary` to the owner, `toTreasury` above the ceiling.
    event OwnerSalaryAccrued(uint256 indexed period, address indexed token, uint256 salary, uint256 toTreasury);
    /// @notice The owner-salary recipient `to` claimed `amount` of `token`.
    event OwnerSalaryClaimed(address indexed token, address indexed to, uint256 amount);
    /// @notice The owner-salary recipient changed from `previous` to `current`.
    event OwnerChanged(address indexed previous, address indexed current);
    /// @notice `amount` of `token` owed to the treasury was sent to it.
    event TreasuryFlushed(address indexed token, address indexed treasury, uint256 amount);
    /// @notice Epoch `epoch` closed: its measured inputs, the feed statuses (liquidity, uptime, quality; a non-Ok
    /// feed counts 0), Phi raw and smoothed, Gamma, and the NEX `issued` (minted here) and `withheld` (never minted).
    event EpochClosed(
        uint256 indexed epoch,
        uint256 volume,
        uint256 work,
        IFeedReader.Status[3] feedStatus,
        uint256 phiRaw,
        uint256 phiEma,
        uint256 gamma,
        uint256 issued,
        uint256 withheld
    );
    /// @notice `miner` claimed `amount` NEX of epoch `epoch`'s issuance.
    event IssuanceClaimed(uint256 indexed epoch, address indexed miner, uint256 amount);

    /// @notice Submits a job for `miner` (active, not the caller) paying `value` of `token` (wFLX or AUR): pulls
    /// `value + fee` (allowance needed), due within `bpci.poe.jobTimeout`.
    /// @return jobId the new job's id (from 1)
    function submitJob(address miner, JobType jobType, address token, uint256 value) external returns (uint256 jobId);

    /// @notice The job's miner confirms a Pending job: settles the value and the four fee legs, credits the work.
    function confirmJob(uint256 jobId) external;

    /// @notice Refunds an Expired job's value and fee to its requester (anyone may call).
    function refundJob(uint256 jobId) external;

    /// @notice Pays the caller the vested part of its locked reserve in `token`.
    /// @return amount wei paid
    function releaseReserve(address token) external returns (uint256 amount);

    /// @notice Slashes `amount` of `miner`'s unvested reserve in `token` to the treasury (its vested part is paid
    /// first). Only SLASHER_ROLE (the dispute system of the next session).
    function slashReserve(address miner, address token, uint256 amount) external;

    /// @notice Pays the owner-salary recipient what it is owed in `token` (only the recipient).
    function claimOwnerSalary(address token) external returns (uint256 amount);

    /// @notice Sends the treasury what it is owed in `token` (anyone).
    function flushTreasury(address token) external returns (uint256 amount);

    /// @notice Closes the next epoch once it has ended: reads the feeds, updates Phi, mints its issuance here.
    function closeEpoch() external returns (uint256 epoch);

    /// @notice Claims the caller's share of closed epoch `epoch`'s issuance (O(1)).
    function claimIssuance(uint256 epoch) external returns (uint256 amount);

    /// @notice Changes the owner-salary recipient. Only DEFAULT_ADMIN_ROLE.
    function setOwner(address owner_) external;

    /// @notice The stored job `jobId`.
    function getJob(uint256 jobId) external view returns (Job memory);

    /// @notice How many jobs were ever submitted (job ids run from 1 to this count).
    function jobCount() external view returns (uint256);

    /// @notice The derived state of job `jobId`.
    function state(uint256 jobId) external view returns (JobState);

    /// @notice `miner`'s reserve in `token`: unvested `locked` and `vested` (releasable) now, and its line's end.
    function reserveOf(
        address miner,
        address token
    ) external view returns (uint256 locked, uint256 vested, uint256 end);

    /// @notice Totals owed in `token`: escrow of open jobs, reserves (locked and vested, not yet paid), owner salary
    /// and treasury. `token.balanceOf(this)` equals their sum.
    function obligations(
        address token
    ) external view returns (uint256 pending, uint256 reserves, uint256 ownerOwed, uint256 treasuryOwed);

    /// @notice NEX issued and not yet claimed (this contract's NEX balance) and the NEX withheld so far (never minted).
    function nexTotals() external view returns (uint256 unclaimed, uint256 withheld);

    /// @notice Epoch `epoch`'s record.
    function epochInfo(uint256 epoch) external view returns (Epoch memory);

    /// @notice `miner`'s unclaimed fee-paying work in `epoch`.
    function workOf(uint256 epoch, address miner) external view returns (uint256);

    /// @notice NEX `miner` can claim for closed `epoch` (0 otherwise).
    function claimableIssuance(uint256 epoch, address miner) external view returns (uint256);

    /// @notice The current epoch, the next epoch to close, and the smoothed Phi after the last close (WAD).
    function epochStatus() external view returns (uint256 current, uint256 nextToClose, uint256 phiEma);

    /// @notice The owner-salary report of salary `period` (0 from deployment, `SALARY_PERIOD` s each): wFLX then AUR.
    function ownerSalaryReport(uint256 period) external view returns (SalaryLine[2] memory);
}
