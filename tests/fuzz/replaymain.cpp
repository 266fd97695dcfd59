// Without libFuzzer (a gcc build), a fuzz target becomes a replay tool: it runs every file
// given, and every file inside the folders given, through LLVMFuzzerTestOneInput once. CTest
// uses it to keep the seed corpus and the crash regressions passing in every build.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

bool replay(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return false;
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    int replayed = 0;
    int failed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path path(argv[i]);
        std::error_code error;
        if (std::filesystem::is_directory(path, error)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(path)) {
                if (entry.is_regular_file())
                    replay(entry.path()) ? ++replayed : ++failed;
            }
        } else {
            replay(path) ? ++replayed : ++failed;
        }
    }
    std::printf("%d inputs replayed, %d unreadable\n", replayed, failed);
    return failed == 0 && replayed > 0 ? 0 : 1;
}
