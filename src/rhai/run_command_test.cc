#include "src/rhai/run_command.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace plexus::rhai {
namespace {

namespace fs = std::filesystem;

class RunRhaiScript : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("plexus_rhai_run_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  int run(const std::string& path) { return runRhaiScript(path, out_, err_); }

  fs::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(RunRhaiScript, PrintsToOutAndExitsZero) {
  std::string path = write("ok.rhai", "#!/usr/bin/env rhai-run\nprint(\"a\");\nprint(1 + 2);\n");
  EXPECT_EQ(run(path), 0);
  EXPECT_EQ(out_.str(), "a\n3\n");
  EXPECT_EQ(err_.str(), "");
}

TEST_F(RunRhaiScript, ResolvesImportsBesideTheScript) {
  write("lib.rhai", "fn twice(x) { x * 2 }\nexport const K = 5;\n");
  std::string path = write("main.rhai", "import \"lib\" as l;\nprint(l::twice(l::K));\n");
  EXPECT_EQ(run(path), 0);
  EXPECT_EQ(out_.str(), "10\n");
}

TEST_F(RunRhaiScript, ReportsAnUncaughtErrorInRhaiRunFormat) {
  std::string path = write("bad.rhai", "print(\"before\");\nlet x = foo;\n");
  EXPECT_EQ(run(path), 1);
  EXPECT_EQ(out_.str(), "before\n");
  std::string shown = fs::canonical(path).string();
  std::string bar(shown.size(), '=');
  EXPECT_EQ(err_.str(), bar + "\n" + shown + "\n" + bar + "\n\n" +
                            "2: let x = foo;\n"
                            "           ^ Variable not found: foo\n\n");
}

TEST_F(RunRhaiScript, MarksCallFramesOnContinuationLines) {
  std::string path = write("fn.rhai", "fn f() { throw 7; }\nf();\n");
  EXPECT_EQ(run(path), 1);
  EXPECT_NE(err_.str().find("2: f();\n"
                            "   ^ Runtime error: 7 (line 1, position 10)\n"
                            "   | in call to function 'f'\n"),
            std::string::npos)
      << err_.str();
}

TEST_F(RunRhaiScript, ReportsSyntaxErrors) {
  std::string path = write("syntax.rhai", "let = 1;\n");
  EXPECT_EQ(run(path), 1);
  EXPECT_NE(err_.str().find("1: let = 1;\n"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("^ Syntax error: "), std::string::npos) << err_.str();
}

TEST_F(RunRhaiScript, MissingFileIsAnError) {
  EXPECT_EQ(run((dir_ / "missing.rhai").string()), 1);
  EXPECT_NE(err_.str().find("Error script file path: "), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("(os error 2)"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace plexus::rhai
