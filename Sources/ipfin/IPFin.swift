// SPDX-License-Identifier: GPL-3.0-or-later

import ArgumentParser
import Foundation
import IPCommon

/// The `ipfin` command: growth projections of IP filings and collateral valuation of IP
/// portfolios, run as named scenarios.
@main
struct IPFin: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ipfin",
    abstract: "IP-backed finance: project IP filings and value IP portfolios as loan collateral.",
    discussion: """
      ipfin models the growth of patent (invention), utility-solution, industrial-design and \
      trademark filings from Viet Nam's and Korea's IP office figures, and estimates what a \
      portfolio of IP rights is worth as loan collateral by Monte Carlo simulation on the GNU \
      Scientific Library. Every random result is reproducible from --seed.

      Exit codes: 0 success, 64 usage error, 65 bad input data, 66 missing input file, \
      70 internal or numerical failure, 73 cannot write output.
      """,
    version: IPFinVersion.current,
    subcommands: StatisticsCommands.all + ValuationCommands.all + ScenarioCommands.all
  )

  /// Parses the command line, runs the command, and reports errors as
  /// `ipfin: error: <message>` on standard error with a sysexits code
  /// (``processExitCode(for:)``). A long value of the command line is repeated only in part
  /// (``ArgumentEcho``).
  static func main() {
    do {
      var command = try parseAsRoot(helpFirst(Array(CommandLine.arguments.dropFirst())))
      try command.run()
    } catch {
      let code = processExitCode(for: error)
      if code == .success {
        // --help and --version: ArgumentParser's text on standard output.
        exit(withError: error)
      }
      var message: String
      if error is CategorizedError, let described = error as? LocalizedError {
        message = described.errorDescription ?? "\(error)"
      } else if code.rawValue == 64 || error is ValidationError {
        message = IPFin.message(for: error)
        message += "\nSee 'ipfin --help' or 'ipfin help <subcommand>'."
      } else {
        message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
      }
      message = ArgumentEcho.shortening(message, arguments: CommandLine.arguments)
      FileHandle.standardError.write(Data("ipfin: error: \(message)\n".utf8))
      Foundation.exit(code.rawValue)
    }
  }

  /// `arguments`, or, when `-h` or `--help` is among the options (before any `--`), the
  /// leading subcommand names (and arguments) followed by `--help` alone: the numeric options
  /// take their next argument whatever it is (so that `--growth-shift -0.02` needs no `=`), and
  /// would otherwise take `--help` as a value.
  static func helpFirst(_ arguments: [String]) -> [String] {
    let options = arguments.prefix { $0 != "--" }
    guard options.contains("--help") || options.contains("-h") else { return arguments }
    return arguments.prefix { !$0.hasPrefix("-") } + ["--help"]
  }

  /// The process exit code for `error`: the code of its category (``exitCode(of:)``) when the
  /// libraries say it, ArgumentParser's for its own errors and `ValidationError` (64 for a
  /// usage error, 0 for `--help` and `--version`), an internal failure for anything else.
  static func processExitCode(for error: Error) -> ExitCode {
    if let categorized = error as? CategorizedError { return exitCode(of: categorized.category) }
    if error is LocalizedError, !(error is ValidationError) {
      return exitCode(of: .internalFailure)
    }
    return IPFin.exitCode(for: error)
  }

  /// The sysexits code of each category of error: the one place where a kind of failure
  /// becomes an exit status.
  ///
  /// | category | code | sysexits.h |
  /// |---|---|---|
  /// | usage | 64 | `EX_USAGE` |
  /// | bad data | 65 | `EX_DATAERR` |
  /// | missing input | 66 | `EX_NOINPUT` |
  /// | internal or numerical failure | 70 | `EX_SOFTWARE` |
  /// | cannot write output | 73 | `EX_CANTCREAT` |
  static func exitCode(of category: ErrorCategory) -> ExitCode {
    switch category {
    case .usage: return ExitCode(64)
    case .badData: return ExitCode(65)
    case .missingInput: return ExitCode(66)
    case .internalFailure: return ExitCode(70)
    case .cannotWrite: return ExitCode(73)
    }
  }
}
