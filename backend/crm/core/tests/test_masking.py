from crm.core.masking import mask_customer_fields, mask_email, mask_phone, mask_text


def test_phones_keep_their_first_three_and_last_four_digits():
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("021-63210000") == "021****0000"
    assert mask_phone("12345") == "*****"


def test_emails_keep_the_first_letter_and_the_domain():
    assert mask_email("wangfang@renhe.example") == "w***@renhe.example"


def test_identity_numbers_keep_four_characters_at_each_end():
    assert mask_text("310101198001011234") == "3101**********1234"
    assert mask_text("12345678") == "********"


def test_only_the_fields_without_permission_are_masked():
    values = {"phone": "13800138000", "email": "a@b.example", "company_name": "仁和大药房"}
    assert mask_customer_fields(values, {"customer.phone"}) == {
        "phone": "13800138000",
        "email": "a***@b.example",
        "company_name": "仁和大药房",
    }
