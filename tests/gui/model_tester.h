// QAbstractItemModelTester for Catch2 tests: the tester reports each broken model rule as a
// warning (FailureReportingMode::Warning), which this captures, so a test can REQUIRE none.
#pragma once

#include <QAbstractItemModelTester>
#include <QStringList>
#include <QtGlobal>

namespace discolab::gui::testing {

class ModelCheck {
 public:
  explicit ModelCheck(QAbstractItemModel* model) {
    messages() = {};
    previous_ = qInstallMessageHandler(&ModelCheck::capture);
    tester_ = new QAbstractItemModelTester(
        model, QAbstractItemModelTester::FailureReportingMode::Warning, model);
  }
  ~ModelCheck() { qInstallMessageHandler(previous_); }
  ModelCheck(const ModelCheck&) = delete;
  ModelCheck& operator=(const ModelCheck&) = delete;

  // The tester's complaints so far ("FAIL! …" lines).
  static QStringList failures() {
    QStringList out;
    for (const QString& m : messages())
      if (m.contains(QLatin1String("FAIL"))) out.append(m);
    return out;
  }

 private:
  static QStringList& messages() {
    static QStringList list;
    return list;
  }
  static void capture(QtMsgType, const QMessageLogContext&, const QString& message) {
    messages().append(message);
  }

  QtMessageHandler previous_ = nullptr;
  QAbstractItemModelTester* tester_ = nullptr;
};

}  // namespace discolab::gui::testing
