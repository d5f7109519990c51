// Catch2's main for the GUI tests: a Qt application first (offscreen unless QT_QPA_PLATFORM
// says otherwise), so models and widgets have an event loop; QCoreApplication for the models'
// tests, QApplication for the widgets'.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#ifdef DISCOLAB_GUI_WIDGET_TESTS
#include <QApplication>
using TestApplication = QApplication;
#else
#include <QCoreApplication>
using TestApplication = QCoreApplication;
#endif

int main(int argc, char* argv[]) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  TestApplication app(argc, argv);
  return Catch::Session().run(argc, argv);
}
