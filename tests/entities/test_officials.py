"""Officials and their posts, with the real spaCy pipeline (slow: the model is loaded once per session)."""

import pytest

from benchmarks.entities_quality import score

pytestmark = pytest.mark.slow


def test_sample_entities_meet_the_gold(analysed_sample, gold):
    ents = analysed_sample.to_dict()["entities"]
    c = score(ents, gold["entities"])
    assert c["officials_tp"] == 5 and c["posts_tp"] == c["posts_gold"] == 9
    assert c["credited_as_official"] == 0
    assert c["places_tp"] == 9
    assert c["banks_tp"] == 5 and c["banks_duplicated"] == 0 and len(ents["banks"]) == 5
    assert c["organizations_tp"] >= 9
    qin = next(o for o in analysed_sample.entities.officials if o.name == "Qin SE WING")
    assert qin.flags == ["name garbled by translation"]


def test_a_garbled_name_is_read_from_the_repairs_flags_not_found_again(entities_of):
    text = "Qin SE WING, vice minister of the Ministry of Finance, presided over the meeting."
    (qin,) = [o for o in entities_of(text).officials if o.name == "Qin SE WING"]
    assert qin.flags == ["name garbled by translation"]
    off = entities_of(text, disabled=frozenset({"garble"})).officials
    assert all("name garbled by translation" not in o.flags for o in off)


def test_title_before_name_and_coordinated_posts(entities_of):
    ents = entities_of(
        "Title of a report\n\nOn Monday, district chief Wei Zhendong met Zhou Hairong, deputy secretary of the "
        "Guizhou Provincial Party Committee and governor, in Guiyang. Mr. Chen, 69, a resident, said the road "
        "was better."
    )
    officials = {o.name: [(r.title, r.organization) for r in o.roles] for o in ents.officials}
    assert officials["Wei Zhendong"] == [("District Chief", None)]  # the title before the name, capitalised
    assert officials["Zhou Hairong"] == [
        ("deputy secretary", "Guizhou Provincial Party Committee"),
        ("governor", "Guizhou Provincial People's Government"),
    ]
    assert "Mr. Chen" in {p.name for p in ents.people}
    assert {("Guiyang", "city", "Guizhou")} <= {(p.name, p.kind, p.parent) for p in ents.places}


def test_spellings_of_one_official_are_grouped_and_flagged(models):
    from pipeline import Settings, process

    text = (
        "Huang Peng, secretary of the Anqing Municipal Party Committee, inspected the river. Later, Huang Feng, "
        "secretary of the Anqing Municipal Party Committee, chaired a meeting."
    )
    article = process(text, models, Settings(points=0))
    (huang,) = [o for o in article.entities.officials if o.name.startswith("Huang")]
    assert huang.variants == ["Huang Feng"]
    assert any("several spellings" in f for f in huang.flags)
    assert [f.text for f in article.flags if f.rule == "entities.name_variants"] == ["Huang Feng"]
    quiet = process(text, models, Settings(points=0, disabled=frozenset({"entities.name_variants"})))
    assert not [f for f in quiet.flags if f.rule == "entities.name_variants"]


def test_post_forms_before_names_and_in_relative_clauses(entities_of):
    ents = entities_of(
        "Lanzhou news\n\nIn Gansu Province, Vice Governor Zhou Ming visited Yongdeng County, where county Party "
        "secretary Qian Li met him. Tian Bo, who is also mayor of Lanzhou, said the plan works. "
        "Later Yongdeng County Party Secretary Qian Li spoke again."
    )
    officials = {o.name: [(r.title, r.organization) for r in o.roles] for o in ents.officials}
    assert officials["Zhou Ming"] == [("Vice Governor", "Gansu Provincial People's Government")]
    assert officials["Qian Li"] == [("Party secretary", "Yongdeng County Party Committee")]
    assert officials["Tian Bo"] == [("mayor", "Lanzhou Municipal People's Government")]


def test_a_hyphenated_title_before_a_name_is_a_post(entities_of):
    officials = {
        o.name: [(r.title, r.organization) for r in o.roles]
        for o in entities_of("In Gansu Province, Vice-Governor Zhou Ming visited a farm.").officials
    }
    assert officials["Zhou Ming"] == [("Vice-Governor", "Gansu Provincial People's Government")]


def test_posts_from_the_dependency_parse(entities_of):
    ents = entities_of(
        "Li Hua serves as mayor of Jinan. Chen Gang was appointed secretary of the Jinan Municipal "
        "Party Committee in May."
    )
    officials = {o.name: [(r.title, r.organization) for r in o.roles] for o in ents.officials}
    assert officials["Li Hua"] == [("mayor", "Jinan Municipal People's Government")]
    assert officials["Chen Gang"] == [("secretary", "Jinan Municipal Party Committee")]


def test_mentions_carry_their_sentence(entities_of):
    ents = entities_of("Li Hua serves as mayor of Jinan. Later, Mayor Li spoke.")
    (li,) = ents.officials
    assert [(m.text, m.sentence) for m in li.mentions] == [("Li Hua", 0), ("Mayor Li", 1)]


def _posts(entities_of, text):
    return {o.name: [(r.title, r.organization) for r in o.roles] for o in entities_of(text).officials}


def test_names_before_a_post_in_the_plural_all_hold_it(entities_of):
    posts = _posts(
        entities_of,
        "Feixi County held a meeting on Monday. Wang Ping, Li Tao and Zhou Minghui, members of the standing "
        "committee of the county Party committee, attended the meeting.",
    )
    want = [("member of the standing committee", "Feixi County Party Committee")]
    assert posts["Wang Ping"] == posts["Li Tao"] == posts["Zhou Minghui"] == want


def test_posts_after_a_name_go_on_past_commas_and_take_the_place_above_the_article_places(entities_of):
    posts = _posts(
        entities_of,
        "Wuhou District opened a school. Xu Lihua, Member of the Standing Committee of the Municipal Party "
        "Committee, Secretary of the Municipal Commission for Discipline Inspection, attended the opening.",
    )
    assert posts["Xu Lihua"] == [
        ("Member of the Standing Committee", "Chengdu Municipal Party Committee"),
        ("Secretary", "Chengdu Municipal Commission for Discipline Inspection"),
    ]


def test_a_body_named_by_its_level_is_the_article_place_and_comrade_is_no_post(entities_of):
    posts = _posts(
        entities_of,
        "Feixi County held a meeting. Zhao Ming, president of the County Court, and Comrade Liu Jianguo, "
        "secretary of the party committee of Sanhe Town, attended.",
    )
    assert posts["Zhao Ming"] == [("president", "Feixi County People's Court")]
    assert posts["Liu Jianguo"] == [("secretary", "Sanhe Town Party Committee")]


def test_a_mayor_heads_the_places_government_and_an_as_post_counts(entities_of):
    posts = _posts(
        entities_of,
        "The Standing Committee of the Feixi County People's Congress met. It appointed Zhang Weiguo as deputy "
        "county head of the Feixi County People's Government. Wang Hongmei, party member and director of the "
        "county bureau, attended.",
    )
    assert posts["Zhang Weiguo"] == [("deputy county head", "Feixi County People's Government")]
    assert [t for t, _ in posts["Wang Hongmei"]] == ["director"]


def test_a_title_in_the_plural_before_names_and_a_passive_with_coordinated_subjects(entities_of):
    posts = _posts(
        entities_of,
        "Feixi County held a meeting. Members of the Standing Committee of the County People's Congress, "
        "including deputy directors Wu Hongbo, Wang Liyan and Gu Jinhua, attended. Zhou Lihong, Huang Xiaozhou "
        "and Chen Yuhuang were elected vice mayors of the county.",
    )
    assert posts["Wu Hongbo"] == posts["Wang Liyan"] == posts["Gu Jinhua"]
    assert posts["Wu Hongbo"][0][0] == "deputy director"
    assert {t for name in ("Zhou Lihong", "Huang Xiaozhou", "Chen Yuhuang") for t, _ in posts[name]} == {"vice mayor"}


def test_names_listed_under_one_plural_post_are_not_spellings_of_one_person(entities_of):
    ents = entities_of(
        "Feixi County held a meeting. Chen Zixuan, Chen Minghui and Wang Lihong were elected vice mayors of the county."
    )
    names = {o.name for o in ents.officials}
    assert {"Chen Zixuan", "Chen Minghui", "Wang Lihong"} <= names
    assert all(not o.variants for o in ents.officials)


def test_a_title_a_company_word_qualifies_after_a_company_is_a_manager(entities_of):
    ents = entities_of(
        "Feixi County held a meeting. Hexi Lingang Industrial Investment Co., Ltd. Project minister Zhao Weiguo "
        "spoke to the county cadres."
    )
    assert "Zhao Weiguo" not in {o.name for o in ents.officials}


def test_a_list_post_without_a_body_is_of_the_body_its_sentence_named(entities_of):
    posts = _posts(
        entities_of,
        "Feixi County held a meeting. Zhao Lihua, Deputy Director of the Standing Committee of the County "
        "People's Congress, Wu Hongbo and Gu Jinhua, Deputy Directors, attended.",
    )
    body = "Standing Committee of the Feixi County People's Congress"
    assert posts["Zhao Lihua"] == [("Deputy Director", body)]
    assert posts["Wu Hongbo"] == posts["Gu Jinhua"] == [("deputy director", body)]


def test_city_leaders_named_in_a_list_hold_the_city_leadership(entities_of):
    posts = _posts(
        entities_of, "Hefei held a meeting on Monday. City leaders Liu Wei, Wu Hongbo and Huang Hui attended."
    )
    assert posts["Liu Wei"] == posts["Wu Hongbo"] == posts["Huang Hui"] == [("city leader", "Hefei")]


def test_a_single_officer_without_a_body_takes_the_body_its_sentence_named_but_a_mayor_does_not(entities_of):
    posts = _posts(
        entities_of,
        "Feixi County held a meeting. Zhao Lihua, Director of the Standing Committee of the County People's "
        "Congress, Wu Hongbo, Deputy Director, Gu Jinhua, Member of the Party Group and Secretary-General, "
        "and Sun Ping, deputy mayor, attended.",
    )
    body = "Standing Committee of the Feixi County People's Congress"
    assert posts["Wu Hongbo"] == [("Deputy Director", body)]
    assert posts["Gu Jinhua"] == [("Member of the Party Group", body), ("Secretary-General", body)]
    assert posts["Sun Ping"] == [
        ("deputy mayor", "Hefei Municipal People's Government")
    ]  # a mayor heads a city (Feixi's), never the body


def test_a_party_group_post_shares_the_body_of_the_post_after_it(entities_of):
    posts = _posts(
        entities_of,
        "Zhao Lihua, Deputy Secretary of the Party Group and Deputy Director of the Standing Committee of the "
        "Hefei Municipal People's Congress, attended. Liu Qiang, Member of the Party Group, spoke.",
    )
    body = "Standing Committee of the Hefei Municipal People's Congress"
    assert posts["Zhao Lihua"] == [("Deputy Secretary", f"Party Group of the {body}"), ("Deputy Director", body)]
    assert posts["Liu Qiang"] == [("Member of the Party Group", None)]  # no body in its sentence: none guessed


def test_coordinated_posts_in_the_plural_are_each_a_post(entities_of):
    posts = _posts(
        entities_of,
        "Zhao Lihua, Director of the Standing Committee of the Hefei Municipal People's Congress, Wu Hongbo and "
        "Gu Jinhua, Members of the Party Group and Deputy Directors, attended.",
    )
    body = "Standing Committee of the Hefei Municipal People's Congress"
    assert (
        posts["Wu Hongbo"]
        == posts["Gu Jinhua"]
        == [
            ("member of the party group", body),
            ("deputy director", body),
        ]
    )


def test_a_body_named_by_its_level_before_a_title_and_a_title_before_the_next_name(entities_of):
    posts = _posts(
        entities_of,
        "The meeting was held on Monday. County people's congress standing committee director Zhao Lihua, "
        "deputy director Wu Hongbo, county court President Gu Jinhua and county prosecutor general Sun Ping "
        "attended.",
    )
    assert posts["Zhao Lihua"] == [
        ("director", "County People's Congress Standing Committee")
    ]  # a lowercase title after its body stays lowercase (capitals.titled_name)
    assert posts["Wu Hongbo"] == [("Deputy Director", "County People's Congress Standing Committee")]
    assert posts["Gu Jinhua"] == [("President", "County People's Court")]
    assert posts["Sun Ping"] == [("prosecutor general", "County People's Procuratorate")]
    named = _posts(entities_of, "Feixi County held a meeting. County court President Gu Jinhua attended.")
    assert named["Gu Jinhua"] == [("President", "Feixi County People's Court")]


def test_a_title_written_with_its_body_and_a_party_department_of_the_committee_named_beside_it(entities_of):
    posts = _posts(
        entities_of,
        "Li Qiang, member of the Standing Committee of the Anhui Provincial Party Committee and director of the "
        "Organization Department, attended. Vice Premier of the State Council Wang Hong spoke. Zhao Min, "
        "director of the Organization Department, listened.",
    )
    assert posts["Li Qiang"][1] == ("director", "Organization Department of the Anhui Provincial Party Committee")
    assert posts["Wang Hong"] == [("Vice Premier", "State Council")]
    assert posts["Zhao Min"] == [("director", "Organization Department")]  # no committee beside it: as written


def test_a_post_ends_at_a_colon_and_in_charge_of_names_no_body(entities_of):
    posts = _posts(
        entities_of,
        "Wang Hong, secretary of the Hefei Municipal Party Committee: build a strong city\n\nZhao Min, deputy "
        "mayor in charge of transport, spoke.",
    )
    assert posts["Wang Hong"] == [("secretary", "Hefei Municipal Party Committee")]
    assert posts["Zhao Min"] == [
        ("deputy mayor", "Hefei Municipal People's Government")
    ]  # the article's city, not "charge of transport"


def test_a_local_committee_of_the_cppcc_is_not_the_national_one(entities_of):
    posts = _posts(
        entities_of,
        "Hefei held a meeting. Han Dong, chairman of the Municipal Committee of the Chinese People's Political "
        "Consultative Conference, attended.",
    )
    assert posts["Han Dong"] == [("chairman", "Hefei Municipal Committee of the CPPCC")]


def test_posts_listed_before_a_title_and_a_name_all_go_to_that_name(entities_of):
    posts = _posts(
        entities_of,
        "The meeting was held in Hefei. Hefei Municipal Party Committee Secretary, Director of the Standing "
        "Committee of the Municipal People's Congress, Director of the Municipal Industrial Promotion "
        "Committee, and Chief Chain Leader Wang Hong attended the meeting.",
    )
    assert posts["Wang Hong"] == [
        ("Secretary", "Hefei Municipal Party Committee"),
        ("Director", "Standing Committee of the Hefei Municipal People's Congress"),
        ("Director", "Hefei Municipal Industrial Promotion Committee"),
        ("Chief Chain Leader", None),
    ]


def test_posts_of_the_name_before_a_list_are_not_the_next_names(entities_of):
    posts = _posts(
        entities_of,
        "Zhang Lei, secretary of the Hefei Municipal Party Committee, and Vice Mayor Li Tao attended. "
        "Zhang Lei, secretary of the Hefei Municipal Party Committee, and Li Tao spoke.",
    )
    assert posts["Zhang Lei"] == [("secretary", "Hefei Municipal Party Committee")]
    assert posts["Li Tao"] == [("Vice Mayor", "Hefei Municipal People's Government")]


def test_a_title_takes_the_body_its_sentence_named_before_it_when_such_a_body_has_that_title(entities_of):
    posts = _posts(
        entities_of,
        "Feixi County held a meeting. A total of 30 members of the Standing Committee of the County People's "
        "Congress, including deputy directors Wu Hongbo and Gu Jinhua, attended. At the County Party "
        "Committee, deputy mayor Sun Ping spoke.",
    )
    body = "Standing Committee of the Feixi County People's Congress"
    assert posts["Wu Hongbo"] == posts["Gu Jinhua"] == [("deputy director", body)]
    assert posts["Sun Ping"] == [
        ("Deputy Mayor", "Hefei Municipal People's Government")
    ]  # no officer of the Party committee


def test_posts_of_a_town_leadership_and_a_leading_party_group(entities_of):
    posts = _posts(
        entities_of,
        "Gangu County held a meeting. Guo Tian, Mayor of Wucheng Town, Wang Lian, secretary of the Commission "
        "for Discipline Inspection, and Yang Zhi, deputy mayor, attended. Cao Ming, secretary of the county "
        "CPPCC leading group, and Zhou Ji, secretary of the Political and Legal Committee of the Provincial "
        "Party Committee, spoke.",
    )
    assert posts["Wang Lian"] == [("secretary", "Wucheng Town Commission for Discipline Inspection")]
    assert posts["Yang Zhi"] == [("deputy mayor", "Wucheng Town People's Government")]
    assert posts["Cao Ming"] == [("secretary", "Party Group of the Gangu County Committee of the CPPCC")]


def test_negative_cases_of_the_sentence_body_rules(entities_of):
    # a governor is not a town's, a Party committee has no director, "Provincial leaders including the
    # department" names no body
    posts = _posts(
        entities_of,
        "Zhang Wei, Party secretary of Wucheng Town, accompanied Vice Governor Li Ming on an inspection in "
        "Jiangxi Province on June 2. Zhao Gang, secretary of the Lankao County Party Committee, visited the "
        "hospital, where Sun Jie, director, introduced the work. Provincial leaders including the department "
        "director Wang Jun attended.",
    )
    assert posts["Li Ming"] == [("Vice Governor", "Jiangxi Provincial People's Government")]
    assert posts["Sun Jie"] == [("director", None)]
    assert [(t.lower(), o) for t, o in posts["Wang Jun"]] == [("director", None)]


def test_a_provincial_body_of_a_municipality_is_not_guessed_for_a_post(entities_of):
    posts = _posts(
        entities_of,
        "Beijing held a meeting. Li Qiang, secretary of the Provincial Party Committee, and Wang Hong, "
        "secretary of the Municipal Party Committee, attended.",
    )
    assert "Beijing Provincial Party Committee" not in {o for roles in posts.values() for _, o in roles}
    assert posts["Wang Hong"] == [("secretary", "Beijing Municipal Party Committee")]


def _statuses(entities_of, text):
    return {o.name: [(r.title, r.status, r.organization_source) for r in o.roles] for o in entities_of(text).officials}


def test_an_act_before_or_after_the_names_gives_their_posts_status(entities_of):
    got = _statuses(
        entities_of,
        "The Standing Committee of the Tianjin Municipal People's Congress met on Monday. The meeting decided to "
        "appoint Cui Jindu, Gou Lijun and Zhang Junfang as vice mayors of Tianjin. The meeting accepted the "
        "resignation of Huang Xingguo, mayor of Tianjin. Zhang Wenling, deputy secretary of the Jingtai County "
        "Party Committee, was removed from office.",
    )
    for name in ("Cui Jindu", "Gou Lijun", "Zhang Junfang"):
        assert got[name] == [("vice mayor", "appointed", "stated")]
    assert got["Huang Xingguo"] == [("mayor", "resigned", "stated")]
    assert got["Zhang Wenling"] == [("deputy secretary", "removed", "stated")]


def test_an_official_who_investigates_is_not_under_investigation(entities_of):
    got = _statuses(
        entities_of,
        "Chenzhou held a meeting. Li Hongwei, deputy mayor of Chenzhou, investigated the financial institutions "
        "of the city. Wang Jianguo, former vice governor of Hebei, was placed under investigation.",
    )
    assert got["Li Hongwei"] == [("deputy mayor", None, "stated")]
    assert got["Wang Jianguo"] == [("vice governor", "former", "stated")]  # the title's own word stands


def test_a_body_completed_from_the_articles_place_is_inferred(entities_of):
    got = {
        o.name: [(r.organization, r.organization_source) for r in o.roles]
        for o in entities_of(
            "Yunyang County held a meeting on Monday. Wang Lihua, secretary of the county Party committee, spoke. "
            "Zhou Minghui, secretary of the Yunyang County Party Committee, attended."
        ).officials
    }
    assert got["Wang Lihua"] == [("Yunyang County Party Committee", "inferred")]
    assert got["Zhou Minghui"] == [("Yunyang County Party Committee", "stated")]


def test_elections_listed_by_the_passive_the_object_and_the_colon(entities_of):
    got = _statuses(
        entities_of,
        "Yangzhou news\n\nZhang Sanfeng was elected chairman of the CPPCC Yangzhou Committee, Li Side, Wang Wuji, "
        "Zhao Liuming were elected vice chairmen, and Qian Qiming was elected secretary-general.\n\n"
        "The congress elected Zhou Tianyi mayor of Yangzhou, and elected Sun Qiming, Ma Xiaolong, Liu Dehua vice "
        "mayors.\n\nVice chairmen: Lin Xiaoping, Huang Weidong, Xu Zhiyong.\n\nNote: Chen Guoqiang spoke.",
    )
    posts = {name: [t for t, _, _ in roles] for name, roles in got.items()}
    for name in ("Li Side", "Wang Wuji", "Zhao Liuming", "Lin Xiaoping", "Huang Weidong", "Xu Zhiyong"):
        assert posts[name] == ["vice chairman"], name
    for name in ("Sun Qiming", "Ma Xiaolong", "Liu Dehua"):
        assert got[name] == [("vice mayor", "elected", "stated")], name
    assert got["Zhou Tianyi"] == [("mayor", "elected", "stated")]
    assert "Chen Guoqiang" not in got  # "Note:" is no title
    bodies = {
        o.name: o.roles[0].organization
        for o in entities_of(
            "Yangzhou news\n\nZhang Sanfeng was elected chairman of the CPPCC Yangzhou Committee."
        ).officials
    }
    assert bodies["Zhang Sanfeng"] == "Yangzhou Municipal Committee of the CPPCC"  # not the national CPPCC


def test_posts_set_off_before_a_name_and_levels_before_titles(entities_of):
    got = _posts(
        entities_of,
        "Jingtai County news\n\nOn the morning of the 20th, the secretary of the county party committee, Hu "
        "Xiaohai, went deep into the park. The county deputy secretary and county mayor Zhang Wenling spoke. The "
        "team was accompanied by the Standing Committee of the County Party Committee and Executive Deputy County "
        "Magistrate He Bin. Municipal Committee, municipal organization department minister Yin Deming spoke. "
        "Shao Xudong, deputy commander of the city's emergency management Bureau, led a team.",
    )
    assert got["Hu Xiaohai"] == [("secretary", "Jingtai County Party Committee")]
    assert got["Zhang Wenling"] == [
        ("deputy secretary", "Jingtai County Party Committee"),
        ("county mayor", "Jingtai County People's Government"),
    ]
    assert got["He Bin"][0] == ("member of the standing committee", "Jingtai County Party Committee")
    assert got["Yin Deming"] == [("minister", "Organization Department of the Baiyin Municipal Party Committee")]
    assert got["Shao Xudong"] == [("deputy commander", "Baiyin Municipal Emergency Management Bureau")]


def test_negative_cases_of_the_list_and_apposition_rules(entities_of):
    got = _posts(
        entities_of,
        "Jingtai County news\n\nWang Lifeng attended the meeting of the Standing Committee of the County Party "
        "Committee and county mayor Zhang Ming spoke. Li Ming, secretary of the county party committee, Wang Hua, "
        "director of the county bureau, attended.",
    )
    assert got["Zhang Ming"] == [("county mayor", "Jingtai County People's Government")]  # no standing committee
    assert "Wang Lifeng" not in got
    assert [t for t, _ in got["Wang Hua"]] == ["director"]  # Li Ming's post is not his


def test_lists_introduced_by_their_post(entities_of):
    got = _statuses(
        entities_of,
        "Yangzhou news\n\nThe following were elected vice chairmen: Li Side, Wang Wuji, Zhao Liuming.\n\n"
        "Vice chairmen (in order of strokes of surname): Chen Guoqiang, Lin Xiaoping.\n\n"
        "The vice-chairmen elected were Tang Xiaoming, Feng Jun and Cao Lihua.\n\n"
        "Secretary Li Ming said the new members are: Pan Hong, Du Fei.",
    )
    for name in ("Li Side", "Wang Wuji", "Zhao Liuming"):
        assert got[name] == [("vice chairman", "elected", None)], name
    for name in ("Chen Guoqiang", "Lin Xiaoping", "Tang Xiaoming", "Feng Jun", "Cao Lihua"):
        assert [t.replace("-", " ") for t, _, _ in got[name]] == ["vice chairman"], name
    assert "Pan Hong" not in got and "Du Fei" not in got  # the clause names someone: not a list's post


def test_posts_without_commas_in_brackets_and_headline_order(entities_of):
    got = _posts(
        entities_of,
        "Taibai County news\n\nFormer Party Secretary of Xiangxi Prefecture Ye Hongzhuan Investigated\n\n"
        "Zhao Wenhua deputy secretary of the county party committee presided over the meeting. Mei Yunnian "
        "(deputy secretary-general of the county government) attended. Appoint Chen Jianguo as deputy county "
        "magistrate. The committee removed Qian Liuhe from the post of director of the county education bureau.",
    )
    assert got["Zhao Wenhua"] == [("deputy secretary", "Taibai County Party Committee")]
    assert [t for t, _ in got["Mei Yunnian"]] == ["deputy secretary-general"]
    assert got["Chen Jianguo"] == [("deputy county magistrate", "Taibai County People's Government")]
    assert got["Qian Liuhe"] == [("director", "Taibai County Education Bureau")]
    assert [t for t, _ in got["Ye Hongzhuan"]] == ["Party Secretary"]


def test_resume_details_a_pronoun_and_a_deputys_title_before_a_list(entities_of):
    got = _statuses(
        entities_of,
        "Taibai County news\n\nZhang Liming, female, Han nationality, born in March 1970, is the director of the "
        "Taibai County Finance Bureau. Sun Weidong, male, born in 1968, was appointed as director of the Taibai "
        "County Audit Bureau.\n\nXiang Lihua was born in 1965 in Jishou. He successively served as deputy "
        "director of the Taibai County Public Security Bureau and other positions.\n\nLi Fang and Zhou Tao met on "
        "Monday. He is the director of the Taibai County Finance Bureau.\n\nDeputy county magistrate Wang Baodi, "
        "Zhang Junbin and Yang Fugang attended. Secretary Li Ming, Wang Hua and Zhou Ping attended the meeting.",
    )
    assert got["Zhang Liming"] == [("director", None, "stated")]
    assert got["Sun Weidong"] == [("director", "appointed", "stated")]
    assert got["Xiang Lihua"] == [("deputy director", "former", "stated")]
    assert "Li Fang" not in got and "Zhou Tao" not in got  # "He" after two names: whose, not said
    for name in ("Wang Baodi", "Zhang Junbin", "Yang Fugang"):
        assert [t for t, _, _ in got[name]] == ["Deputy county magistrate"], name
    assert "Wang Hua" not in got and "Zhou Ping" not in got  # a secretary is one person's title


def test_towns_are_places_and_bodies_never_people(entities_of):
    ents = entities_of(
        "Taibai County news\n\nLi Jianfeng, party secretary of Changdong Town, visited the Old Town and Guangming "
        "Village. Wangzang Town held a meeting. Zhou Ping, mayor of Changdong Town, spoke. The 20th National "
        "Congress of the Communist Party of China was studied."
    )
    places = {p.name: p.kind for p in ents.places}
    assert places["Changdong Town"] == "town" and places["Wangzang Town"] == "town"
    assert "Old Town" not in places  # a town's name is pinyin
    assert "Wangzang Town" not in {p.name for p in ents.people}
    posts = {o.name: [(r.title, r.organization) for r in o.roles] for o in ents.officials}
    assert posts["Li Jianfeng"] == [("secretary", "Changdong Town Party Committee")]
    assert posts["Zhou Ping"] == [("mayor", "Changdong Town People's Government")]
    assert "Communist Party of China" in {o.name for o in ents.organizations}


def test_a_bare_county_name_with_the_province_as_evidence_and_a_county_citys_mayor(entities_of):
    ents = entities_of(
        "Guizhou news\n\nThe Leishan Rural Credit Union in Qiandongnan issued loans. Farmers in Leishan welcomed "
        "it. Wang Jianping spoke."
    )
    leishan = next(p for p in ents.places if p.name == "Leishan County")
    assert [m.text for m in leishan.mentions].count("Leishan") == 2
    assert "Jianping County" not in {p.name for p in ents.places}  # a given name, not the county
    elsewhere = entities_of("Hunan news\n\nFarmers in Leishan welcomed it.")  # Leishan County is in Guizhou
    assert "Leishan County" not in {p.name for p in elsewhere.places}
    mayor = entities_of("Lengshuijiang news\n\nZeng Boyi, mayor of the city, visited Lengshuijiang in Loudi.")
    assert [(r.title, r.organization) for r in mayor.officials[0].roles] == [
        ("mayor", "Lengshuijiang Municipal People's Government")
    ]


def test_a_places_own_generic_names_its_bodies_and_a_level_word_stays_in_the_title(entities_of):
    got = _posts(
        entities_of,
        "Tianjin news\n\nHan Bing, district chief of Binhai New Area, spoke. Zhongwei news: Shapotou District chief "
        "Ma Jun said the land was controlled.",
    )
    assert got["Han Bing"] == [("district chief", "Binhai New Area People's Government")]  # not "Binhai District"
    assert got["Ma Jun"] == [("District chief", "Shapotou District People's Government")]


def test_a_villages_own_posts_take_the_village_its_sentence_named(entities_of):
    got = _posts(
        entities_of,
        "Chongming news\n\nHuang Xiuping, party branch secretary of Caiyuan Village, Wang Chunyuan, deputy party "
        "branch secretary, and Shen Qin, deputy director of the village committee, attended.",
    )
    assert got["Wang Chunyuan"] == [("deputy party branch secretary", "Caiyuan Village")]
    assert got["Shen Qin"] == [("deputy director of the village committee", "Caiyuan Village")]


def test_a_title_the_company_possesses_is_a_managers(entities_of):
    ents = entities_of(
        "Lengshuijiang news\n\nThe company's executive director Hu Xiangzhong reported on the work. The county's "
        "deputy county magistrate Li Ming attended."
    )
    assert "Hu Xiangzhong" not in {o.name for o in ents.officials}
    assert "Hu Xiangzhong" in {p.name for p in ents.people}
    assert "Li Ming" in {o.name for o in ents.officials}


def test_discipline_news_bodies_with_of_and_former_over_coordinated_titles(entities_of):
    got = _statuses(
        entities_of,
        "Hunan news\n\nMei Yunnian, former secretary of the Party Leadership Group and director of the Hunan "
        "Provincial Department of Transportation, was investigated. Former Party Group Secretary and Director of "
        "the Hunan Provincial Department of Water Resources Wang Qiang was expelled. Yang Guang, former member of "
        "the Standing Committee of the Xiangxi Prefectural Party Committee and Secretary of the Political and "
        "Legal Affairs Committee, was sentenced.",
    )
    assert got["Mei Yunnian"] == [
        ("secretary of the Party Leadership Group", "former", "stated"),
        ("director", "former", "stated"),
    ]
    assert [s for _, s, _ in got["Wang Qiang"]] == ["former", "former"]
    bodies = {
        o.name: [r.organization for r in o.roles]
        for o in entities_of(
            "Hunan news\n\nFormer Party Group Secretary and Director of the Hunan Provincial Department of Water "
            "Resources Wang Qiang was expelled. Yang Guang, former member of the Standing Committee of the Xiangxi "
            "Prefectural Party Committee and Secretary of the Political and Legal Affairs Committee, was sentenced."
        ).officials
    }
    assert bodies["Wang Qiang"] == ["Hunan Provincial Department of Water Resources"] * 2
    assert (
        bodies["Yang Guang"][1] == "Political and Legal Affairs Commission of the Xiangxi Prefectural Party Committee"
    )


def test_a_title_without_a_body_takes_the_body_of_the_persons_other_post_that_has_it(entities_of):
    ents = entities_of(
        "Director Shao Xudong visited Pan'an County\n\nShao Xudong, deputy commander of the Jinhua Municipal "
        "Emergency Management Bureau, led a team. Secretary Li Ming, mayor of Jinhua, spoke."
    )
    posts = {o.name: [(r.title, r.organization, r.organization_source) for r in o.roles] for o in ents.officials}
    assert ("Director", "Jinhua Municipal Emergency Management Bureau", "inferred") in posts["Shao Xudong"]
    assert ("Secretary", None, None) in posts["Li Ming"]  # a government has no secretary: not guessed


def test_a_bodys_own_name_after_its_capitalised_level_is_the_articles_places(entities_of):
    orgs = {
        o.name
        for o in entities_of(
            "Quanzhou news\n\nAccording to the Municipal Bureau of Statistics, the main indicators of Quanzhou rose. "
            "The County Rural Revitalization Bureau met. Each municipal bureau of statistics reported."
        ).organizations
    }
    assert "Quanzhou Municipal Bureau of Statistics" in orgs
    assert not any("Rural Revitalization" in o for o in orgs)  # no county in the article: not guessed
