// The entry point (src/app/app.h): every error ends here as an exit code and
// one message in the reader's language.
#include "app/app.h"

#include <ostream>

#include "app/cli.h"
#include "app/signals.h"
#include "simroi/core/error.h"

namespace simroi::app {

int run_cli(int argc, const char* const* argv, Console console) {
  const SignalGuard signals;
  // Messages before the command line is understood are in the language of
  // --lang if it is there, else of the environment; after, in the language
  // the request asks for.
  Locale ui = Locale::for_language(initial_language(argc, argv));
  try {
    ParsedCommandLine parsed = parse_command_line(argc, argv, ui, console);
    if (!parsed.request) return parsed.exit_code;
    Request& request = *parsed.request;
    ui = Locale::for_language(request.language);
    request.options.cancel = &cancel_requested();
    return execute(request, ui, console);
  } catch (const InterruptedError&) {
    console.err << tr("simroi: interrupted").render(ui) << '\n';
    return interrupted_exit_code();
  } catch (const ScenarioError& e) {
    for (const auto& d : e.diagnostics()) print_error(console.err, d.format(ui), ui);
    if (e.diagnostics().empty()) print_error(console.err, e.text().render(ui), ui);
    return e.exit_code();
  } catch (const UserError& e) {
    print_error(console.err, e.text().render(ui), ui);
    return e.exit_code();
  } catch (const std::exception& e) {
    print_error(console.err, e.what(), ui);
    return kExitRuntime;
  } catch (...) {
    print_error(console.err, tr("unexpected failure").render(ui), ui);
    return kExitRuntime;
  }
}

}  // namespace simroi::app
