// wufix cleanup and Delivery Optimization's cache: only its default folder, only while DoSvc is
// stopped, never through a link (the folders on its way belong to NetworkService).
#include <gtest/gtest.h>

#include "cleanup_fixture.h"

namespace wufix {
namespace {

using namespace cleanup_testing;

const std::string kCache = kWin + "\\ServiceProfiles\\NetworkService\\AppData\\Local\\Microsoft"
                                  "\\Windows\\DeliveryOptimization\\Cache";

TEST_F(Rules, TheDeliveryOptimizationCacheOnlyWhileDoSvcIsStoppedAndNotMoved) {
  const std::string& cache = kCache;
  DeliveryOptimizationFacts d{cache, 7000, false, "", "", "", ""};
  facts.delivery_optimization = d;
  CleanupItem item = only();
  EXPECT_TRUE(item.selected) << item.reason;
  EXPECT_EQ(std::string(to_string(item.kind)), "delivery-optimization");
  EXPECT_EQ(item.bytes, 7000u);
  facts.delivery_optimization->service_active = true;
  item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_NE(item.reason.find("DoSvc running"), std::string::npos) << item.reason;
  facts.delivery_optimization = d;
  facts.delivery_optimization->moved_to = "D:";
  item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_NE(item.reason.find("DOModifyCacheDrive"), std::string::npos) << item.reason;
  facts.delivery_optimization = d;
  facts.delivery_optimization->service_unknown = "OpenServiceW failed";
  EXPECT_FALSE(only().selected);
  facts.delivery_optimization = d;
  facts.delivery_optimization->policy_unknown = "RegOpenKeyExW failed";
  item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_NE(item.reason.find("whether a policy moved the cache"), std::string::npos) << item.reason;
  facts.delivery_optimization = d;
  facts.delivery_optimization->link = cache + " is a link";
  item = only();
  EXPECT_FALSE(item.selected);
  EXPECT_EQ(item.reason, cache + " is a link; nothing is deleted through a link");
  facts.delivery_optimization = d;
  facts.delivery_optimization->bytes = std::nullopt;
  EXPECT_FALSE(only().selected);
  facts.delivery_optimization = d;
  facts.delivery_optimization->bytes = 0;
  EXPECT_FALSE(only().selected);
}

TEST_F(CleanupRun, TheDeliveryOptimizationCacheIsEmptiedOnlyWhileDoSvcIsStopped) {
  const std::string& cache = kCache;
  fake.files.add_dir(cache, 700);
  fake.files.add_file(cache + "\\0a1b2c", "piece");
  fake.services.add("DoSvc", StartType::Manual, ServiceState::Running);
  CleanupResult result = cleanup();
  EXPECT_TRUE(cleaner.removed.empty());
  const CleanupItem& item = item_of(result, CleanupKind::DeliveryOptimization);
  EXPECT_EQ(item.status, "kept");
  EXPECT_EQ(to_json(result)["items"][&item - result.plan.items.data()]["kind"],
            "delivery-optimization");

  fake.registry.set_string("SOFTWARE\\Policies\\Microsoft\\Windows\\DeliveryOptimization",
                           "DOModifyCacheDrive", "D:");
  fake.services.add("DoSvc", StartType::Manual, ServiceState::Stopped);
  result = cleanup();
  EXPECT_TRUE(cleaner.removed.empty()) << "a moved cache is not looked for";

  fake.registry.set_string("SOFTWARE\\Policies\\Microsoft\\Windows\\DeliveryOptimization",
                           "DOModifyCacheDrive", "");
  result = cleanup();
  EXPECT_EQ(cleaner.removed, (std::vector<std::string>{cache + "\\0a1b2c"}));
  EXPECT_TRUE(*fake.files.exists(cache));  // the folder itself stays
}

// Everything below ServiceProfiles belongs to NetworkService: a folder there that is a link
// (a junction to System32, say) keeps the cache, whatever the link's level.
TEST_F(CleanupRun, NothingIsDeletedThroughALinkOnTheCachesWay) {
  const std::string local = kWin + "\\ServiceProfiles\\NetworkService\\AppData\\Local";
  const std::string cache = local + "\\Microsoft\\Windows\\DeliveryOptimization\\Cache";
  for (const std::string& linked : {local, cache}) {
    cleaner.removed.clear();
    fake.files.add_dir(local);
    fake.files.add_dir(cache, 700);
    fake.files.add_file(cache + "\\0a1b2c", "piece");
    fake.files.set_security(linked, FileSecurity{"S-1-5-20", true, true, false, 1, {"S-1-5-20"}});
    CleanupResult result = cleanup();
    EXPECT_TRUE(cleaner.removed.empty()) << linked;
    const CleanupItem& item = item_of(result, CleanupKind::DeliveryOptimization);
    EXPECT_EQ(item.status, "kept");
    EXPECT_EQ(item.reason, linked + " is a link; nothing is deleted through a link");
    fake.files.security_of.clear();
  }
}

// DoSvc starts on demand: one that started while the prompt waited keeps the cache.
TEST_F(CleanupRun, TheCacheStaysWhenDoSvcStartedSinceThePlan) {
  const std::string& cache = kCache;
  fake.files.add_dir(cache, 700);
  fake.files.add_file(cache + "\\0a1b2c", "piece");
  fake.services.add("DoSvc", StartType::Manual, ServiceState::Stopped);
  auto facts = collect_cleanup_facts(sys, cleaner, {}, false, nullptr);
  ASSERT_TRUE(facts.ok());
  CleanupPlan plan = plan_cleanup(*facts, cleanup_options);
  fake.services.add("DoSvc", StartType::Manual, ServiceState::Running);  // while the prompt waits
  id = "20261202-120000-c1e9";
  auto journal = create_cleanup_journal(fake.files, fake.platform, id);
  ASSERT_TRUE(journal.ok());
  CleanupResult result = perform_cleanup(sys, cleaner, plan, {}, id, *journal, nullptr);
  EXPECT_TRUE(cleaner.removed.empty());
  const CleanupItem& item = item_of(result, CleanupKind::DeliveryOptimization);
  EXPECT_EQ(item.status, "failed");
  EXPECT_NE(item.error.find("DoSvc started since the plan"), std::string::npos) << item.error;
}

}  // namespace
}  // namespace wufix
